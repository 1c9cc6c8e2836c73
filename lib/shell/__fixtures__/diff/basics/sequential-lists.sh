# Commands separated by ; and newlines run in order.
echo a; echo b; echo c
x=1; y=2; echo "$x$y"
false; echo "after false: $?"
echo one ;echo two;
