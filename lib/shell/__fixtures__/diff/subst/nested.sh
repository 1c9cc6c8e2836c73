# Nested $( ) and quotes inside.
echo "$(echo "$(echo "$(echo deep)")")"
x=$(echo "a  b")
echo "$x"
y=$(echo $(echo "c  d"))
echo "$y"
echo "$(echo ')') $(echo "(")"
echo "count: $(echo "$(printf '%s\n' 1 2 3 | wc -l)")"
