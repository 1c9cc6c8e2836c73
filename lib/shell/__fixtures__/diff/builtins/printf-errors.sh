# printf with invalid numbers.
printf '%d\n' abc
echo "status: $?"
printf '%d\n' 12abc
echo "status: $?"
printf '%d %d\n' 1
