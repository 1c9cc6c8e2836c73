# The status of an assignment with substitution is the substitution's.
v=$(false)
echo "false: $?"
v=$(sh -c 'exit 7')
echo "exit 7: $?"
if out=$(grep x /dev/null); then echo yes; else echo "grep failed: [$out]"; fi
echo "$(echo a; exit 3)"
echo "after echo: $?"
