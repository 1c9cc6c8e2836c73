# Bracket expressions: ranges, negation, classes, literal ] and -.
touch a b c 1 2 x- 'y]' Z
echo [a-c]
echo [!a-c0-9]*
echo [[:digit:]]
echo [[:upper:]]
echo *[-]
echo *[]]
