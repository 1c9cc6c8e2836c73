# trap on EXIT runs when the script ends.
trap 'echo "exit trap ran, status $?"' EXIT
echo working
false
