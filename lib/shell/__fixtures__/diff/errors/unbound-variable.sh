# set -u: unbound variable message and status.
set -u
echo "${HOME:+home set}"
echo "$UNDEFINED_THING"
echo never
