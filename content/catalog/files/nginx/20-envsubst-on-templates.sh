#!/bin/sh
# layerlab stand-in: render /etc/nginx/templates/*.template into /etc/nginx/conf.d with envsubst, substituting
# only variables defined in the environment (optionally those matching NGINX_ENVSUBST_FILTER), so nginx's own
# $variables survive; with the official script's log lines.
set -e

entrypoint_log() {
    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

ME=$(basename "$0")
dir=${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}
out=${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}
suffix=${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}
filter=${NGINX_ENVSUBST_FILTER:-}
[ -d "$dir" ] || exit 0
if [ ! -w "$out" ]; then
    entrypoint_log "$ME: ERROR: $dir exists, but $out is not writable"
    exit 0
fi
defined_envs=$(awk -v filter="$filter" 'END { for (name in ENVIRON) if (name ~ filter) printf "${%s} ", name }' </dev/null)
for t in "$dir"/*"$suffix"; do
    [ -f "$t" ] || continue
    name=$(basename "$t" "$suffix")
    entrypoint_log "$ME: Running envsubst on $t to $out/$name"
    envsubst "$defined_envs" < "$t" > "$out/$name"
done
