# set -e exits on the first failing command.
set -e
echo one
true
false
echo never
