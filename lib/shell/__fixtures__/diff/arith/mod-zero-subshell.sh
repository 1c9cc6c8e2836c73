# Modulo by zero inside a subshell only ends the subshell.
( echo $((7 % 0)) )
echo "status: $?"
x=0
( echo $((10 / x)) )
echo "status: $?"
