# Running sh -c from a script, with arguments.
sh -c 'echo "$0 has $# args: $*"' prog one two
sh -c 'exit 3'; echo "exit: $?"
echo 'echo from stdin' | sh
sh -c 'x=1; echo $((x + 1))'
