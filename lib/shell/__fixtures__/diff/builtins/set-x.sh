# set -x traces commands to stderr with + prefixes.
set -x
echo hello
x=5
echo "x is $x" > /dev/null
f() { echo in-f; }
f arg
set +x
echo quiet
