#!/usr/bin/env bash
# layerlab stand-in for the postgres image's docker-entrypoint.sh (same behaviour, our own short text):
# options as first argument mean "postgres <options>"; for `postgres`, create the cluster in $PGDATA on first
# start (initdb, POSTGRES_PASSWORD / POSTGRES_USER / POSTGRES_DB, /docker-entrypoint-initdb.d/*), dropping
# root privileges with gosu, then exec the server.
set -Eeo pipefail

if [ "${1:0:1}" = '-' ]; then
	set -- postgres "$@"
fi

if [ "$1" = 'postgres' ]; then
	if [ "$(id -u)" = '0' ]; then
		mkdir -p "$PGDATA"
		chown postgres "$PGDATA"
		chmod 00700 "$PGDATA"
		exec gosu postgres "$BASH_SOURCE" "$@"
	fi
	if [ ! -s "$PGDATA/PG_VERSION" ]; then
		docker-ensure-initdb.sh
	fi
fi

exec "$@"
