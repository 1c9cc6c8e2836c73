# return outside a function is an error in a script (bash) or exits (ash).
echo one
return 3
echo "after return: $?"
