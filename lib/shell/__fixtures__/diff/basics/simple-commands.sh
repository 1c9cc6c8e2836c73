# Simple commands with arguments, a few words per line.
echo hello world
echo one   two    three
echo
printf '%s\n' first second
true
echo "status after true: $?"
false
echo "status after false: $?"
