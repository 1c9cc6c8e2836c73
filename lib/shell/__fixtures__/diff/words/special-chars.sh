# Characters that need quoting and ones that do not.
echo a=b c:d e,f g.h @i %j +k
echo "semi;colon" 'pipe|char' "amp&ersand"
echo "<angle>" '(paren)'
echo a\;b a\|b a\&b
echo {x}
echo ]
echo [
