#!/bin/sh
# layerlab stand-in for the redis image's entrypoint (same behaviour, our own text): options or a .conf file mean
# redis-server; as root, hand the data directory to the redis user and re-run as that user with gosu.
set -e
case "$1" in
    -*|*.conf) set -- redis-server "$@" ;;
esac
if [ "$1" = 'redis-server' ] && [ "$(id -u)" = '0' ]; then
    find . \! -user redis -exec chown redis '{}' +
    exec gosu redis "$0" "$@"
fi
umask 0077
exec "$@"
