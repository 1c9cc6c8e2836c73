#!/usr/bin/env bash
# layerlab stand-in for docker-ensure-initdb.sh: initialise $PGDATA once (initdb as POSTGRES_USER, the
# password from POSTGRES_PASSWORD, POSTGRES_DB created, init scripts run). Invoked as docker-enforce-initdb.sh it
# fails when the directory is already initialised.
set -Eeuo pipefail

if [ -s "$PGDATA/PG_VERSION" ]; then
	case "$0" in
		*enforce*) echo >&2 "error: $PGDATA is already initialized"; exit 1 ;;
	esac
	exit 0
fi

if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "${POSTGRES_HOST_AUTH_METHOD:-}" != 'trust' ]; then
	cat >&2 <<-'EOM'
		Error: Database is uninitialized and superuser password is not specified.
		       You must specify POSTGRES_PASSWORD to a non-empty value for the
		       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

		       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
		       connections without a password. This is *not* recommended.

		       See PostgreSQL documentation about "trust":
		       https://www.postgresql.org/docs/current/auth-trust.html
	EOM
	exit 1
fi

initdb --username="${POSTGRES_USER:-postgres}" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") ${POSTGRES_INITDB_ARGS:-}
printf '\n%s\n' "host all all all ${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >> "$PGDATA/pg_hba.conf"
