# set -e in a function call.
set -e
f() { echo "in f"; false; echo "not reached"; }
f
echo never
