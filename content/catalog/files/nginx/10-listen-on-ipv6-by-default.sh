#!/bin/sh
# layerlab stand-in: make the default server also listen on [::]:80 when IPv6 is available and default.conf is
# still the one the image ships (checked against its md5), with the official script's log lines.
set -e

entrypoint_log() {
    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

ME=$(basename "$0")
DEFAULT_CONF_FILE="etc/nginx/conf.d/default.conf"

if [ ! -f "/proc/net/if_inet6" ]; then
    entrypoint_log "$ME: info: ipv6 not available"
    exit 0
fi
if [ ! -f "/$DEFAULT_CONF_FILE" ]; then
    entrypoint_log "$ME: info: /$DEFAULT_CONF_FILE is not a file or does not exist"
    exit 0
fi
touch "/$DEFAULT_CONF_FILE" 2>/dev/null || {
    entrypoint_log "$ME: info: can not modify /$DEFAULT_CONF_FILE (read-only file system?)"
    exit 0
}
if grep -q 'listen  \[::\]:80;' "/$DEFAULT_CONF_FILE"; then
    entrypoint_log "$ME: info: IPv6 listen already enabled"
    exit 0
fi
entrypoint_log "$ME: info: Getting the checksum of /$DEFAULT_CONF_FILE"
echo "25c02145e4a2e1d2bc6da5d585cddd32  /$DEFAULT_CONF_FILE" | md5sum -c - >/dev/null 2>&1 || {
    entrypoint_log "$ME: info: /$DEFAULT_CONF_FILE differs from the packaged version"
    exit 0
}
sed -i -E 's,listen       80;,listen       80;\n    listen  [::]:80;,' "/$DEFAULT_CONF_FILE"
entrypoint_log "$ME: info: Enabled listen on IPv6 in /$DEFAULT_CONF_FILE"
exit 0
