#!/bin/sh
# layerlab stand-in for the registry image's entrypoint (same behaviour, our own text): a config file argument
# means `registry serve FILE`; a registry subcommand or option is passed to registry.
set -e
case "$1" in
    *.yaml|*.yml) set -- registry serve "$@" ;;
    serve|garbage-collect|help|-*) set -- registry "$@" ;;
esac
exec "$@"
