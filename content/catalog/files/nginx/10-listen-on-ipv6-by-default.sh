#!/bin/sh
# layerlab stand-in: make the default server also listen on [::]:80 when IPv6 is available.
set -e
conf=/etc/nginx/conf.d/default.conf
[ -f /proc/net/if_inet6 ] || exit 0
[ -w "$conf" ] || exit 0
grep -q 'listen  \[::\]:80;' "$conf" && exit 0
sed -i -E 's,listen       80;,listen       80;\n    listen  [::]:80;,' "$conf"
echo "$0: info: Enabled listen on IPv6 in $conf"
