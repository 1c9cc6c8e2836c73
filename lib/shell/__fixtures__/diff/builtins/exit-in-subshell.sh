# exit in a subshell or pipeline ends only that part.
(exit 4)
echo "subshell: $?"
echo x | exit 6
echo "pipeline: $?"
f() { exit 2; }
(f)
echo "function in subshell: $?"
v=$(exit 9)
echo "command substitution: $?"
exit 0
