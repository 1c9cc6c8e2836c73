# A syntax error in sh -c is the child's problem.
sh -c 'echo (' 2>/dev/null
echo "child status: $?"
sh -c 'fi'
echo "child status: $?"
