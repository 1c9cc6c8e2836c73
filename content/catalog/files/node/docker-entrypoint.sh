#!/bin/sh
# layerlab stand-in for the node image's entrypoint (same behaviour, our own text): when the first argument is
# an option, not a command, or a non-executable file, run it with node; then exec.
set -e
first=${1:-}
if [ "${first#-}" != "$first" ] || ! command -v "$first" >/dev/null 2>&1 || { [ -f "$first" ] && [ ! -x "$first" ]; }; then
    set -- node "$@"
fi
exec "$@"
