# A malformed arithmetic expression is an error.
echo $((1 +))
echo "after"
