#!/bin/sh
# layerlab stand-in: render /etc/nginx/templates/*.template into /etc/nginx/conf.d with envsubst.
set -e
dir=${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}
out=${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}
suffix=${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}
[ -d "$dir" ] || exit 0
for t in "$dir"/*"$suffix"; do
    [ -f "$t" ] || continue
    name=$(basename "$t" "$suffix")
    envsubst < "$t" > "$out/$name"
done
