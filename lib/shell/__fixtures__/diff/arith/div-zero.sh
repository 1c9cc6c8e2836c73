# Division by zero is an error that ends the script.
echo before
echo $((5 / 0))
echo after
