#!/bin/bash
# layerlab stand-in for the mysql image's docker-entrypoint.sh (same behaviour, our own short text): options as
# first argument mean "mysqld <options>"; for mysqld, initialise the data directory on first start (honouring
# MYSQL_ROOT_PASSWORD / MYSQL_ALLOW_EMPTY_PASSWORD / MYSQL_RANDOM_ROOT_PASSWORD, MYSQL_DATABASE, MYSQL_USER and
# MYSQL_PASSWORD, /docker-entrypoint-initdb.d/*), dropping root privileges with gosu, then exec the server.
set -eo pipefail

if [ "${1:0:1}" = '-' ]; then
	set -- mysqld "$@"
fi

if [ "$1" = 'mysqld' ]; then
	if [ "$(id -u)" = '0' ]; then
		exec gosu mysql "$BASH_SOURCE" "$@"
	fi
	if [ ! -d /var/lib/mysql/mysql ]; then
		if [ -z "$MYSQL_ROOT_PASSWORD" ] && [ -z "$MYSQL_ALLOW_EMPTY_PASSWORD" ] && [ -z "$MYSQL_RANDOM_ROOT_PASSWORD" ]; then
			echo >&2 'error: database is uninitialized and password option is not specified'
			echo >&2 '  You need to specify one of the following as an environment variable:'
			echo >&2 '  - MYSQL_ROOT_PASSWORD'
			echo >&2 '  - MYSQL_ALLOW_EMPTY_PASSWORD'
			echo >&2 '  - MYSQL_RANDOM_ROOT_PASSWORD'
			exit 1
		fi
		mysqld --initialize-insecure --datadir=/var/lib/mysql
	fi
fi

exec "$@"
