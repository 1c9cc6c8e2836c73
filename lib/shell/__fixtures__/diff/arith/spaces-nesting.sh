# Whitespace and nested parentheses in arithmetic.
echo $((  ( 1 + 2 ) * ( 3 + 4 )  ))
echo $(( $((2 + 3)) * 2 ))
echo $((((((1))))))
x=" 3 "
echo $((x * 2))
