#!/bin/sh
# layerlab's stand-in for the nginx image's entrypoint (same behaviour, our own text): when the command is
# nginx, run the executable *.sh and sourceable *.envsh files of /docker-entrypoint.d in order, then exec it.
set -e

if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    for f in $(find /docker-entrypoint.d/ -mindepth 1 -maxdepth 1 -type f | sort); do
        case "$f" in
            *.envsh) [ -x "$f" ] && . "$f" ;;
            *.sh) [ -x "$f" ] && "$f" ;;
        esac
    done
    echo "$0: Configuration complete; ready for start up"
fi

exec "$@"
