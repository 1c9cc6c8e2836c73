# set -u with a missing positional parameter.
set -u
set -- only
echo "$1"
echo "$2"
echo never
