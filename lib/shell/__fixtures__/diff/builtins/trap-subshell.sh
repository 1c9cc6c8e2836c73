# An EXIT trap in a subshell runs when the subshell ends.
(trap 'echo "subshell exit"' EXIT; echo "in subshell")
echo "main continues"
