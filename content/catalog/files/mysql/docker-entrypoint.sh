#!/bin/bash
# layerlab stand-in for the mysql image's docker-entrypoint.sh (same behaviour, our own short text): options as
# first argument mean "mysqld <options>"; for mysqld, check the password options on an uninitialised data
# directory, drop root privileges with gosu, initialise the data directory on first start (MYSQL_ROOT_PASSWORD /
# MYSQL_ALLOW_EMPTY_PASSWORD / MYSQL_RANDOM_ROOT_PASSWORD, MYSQL_DATABASE, MYSQL_USER, MYSQL_PASSWORD), then exec
# the server. It speaks as the tag's own entrypoint does: 5.5 (last built 2018) with plain `error:` lines and no
# notes, 5.7 and 8.0 (2023) with time-stamped `[Note] [Entrypoint]` lines on stdout and `[ERROR]` on stderr.
set -eo pipefail

mysql_log() { printf '%s [%s] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$1" "$2"; }
mysql_note() { mysql_log Note "$1"; }
mysql_error() { mysql_log ERROR "$1" >&2; exit 1; }

if [ "${1:0:1}" = '-' ]; then
	set -- mysqld "$@"
fi

legacy=
case "$MYSQL_MAJOR" in 5.5|5.6) legacy=1 ;; esac

if [ "$1" = 'mysqld' ]; then
	[ -n "$legacy" ] || mysql_note "Entrypoint script for MySQL Server ${MYSQL_VERSION} started."
	if [ "$(id -u)" = '0' ] && [ -z "$legacy" ]; then
		mysql_note "Switching to dedicated user 'mysql'"
		exec gosu mysql "$BASH_SOURCE" "$@"
	fi
	if [ ! -d /var/lib/mysql/mysql ]; then
		if [ -z "$MYSQL_ROOT_PASSWORD" ] && [ -z "$MYSQL_ALLOW_EMPTY_PASSWORD" ] && [ -z "$MYSQL_RANDOM_ROOT_PASSWORD" ]; then
			if [ -n "$legacy" ]; then
				echo >&2 'error: database is uninitialized and password option is not specified '
				echo >&2 '  You need to specify one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD and MYSQL_RANDOM_ROOT_PASSWORD'
				exit 1
			fi
			mysql_error 'Database is uninitialized and password option is not specified
    You need to specify one of the following as an environment variable:
    - MYSQL_ROOT_PASSWORD
    - MYSQL_ALLOW_EMPTY_PASSWORD
    - MYSQL_RANDOM_ROOT_PASSWORD'
		fi
		[ -n "$legacy" ] || mysql_note 'Initializing database files'
		mysqld --initialize-insecure --datadir=/var/lib/mysql
		[ -n "$legacy" ] || mysql_note 'Database files initialized'
		[ -n "$legacy" ] || mysql_note 'MySQL init process done. Ready for start up.'
	fi
	if [ "$(id -u)" = '0' ]; then
		exec gosu mysql "$@"
	fi
fi

exec "$@"
