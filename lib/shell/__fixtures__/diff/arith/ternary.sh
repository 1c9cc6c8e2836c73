# Conditional and comma operators.
a=5
echo $((a > 3 ? 10 : 20))
echo $((a < 3 ? 10 : 20))
echo $((a == 5 ? a * 2 : a))
b=$((a > 0 ? 1 : -1)); echo $b
