# $0 is the script name; inside functions too.
echo "$0"
f() { echo "in function: $0"; }
f
sh -c 'echo "sh -c: $0 $1"' name arg
