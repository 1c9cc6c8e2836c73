# Single quotes, double quotes, backslashes.
echo 'single $HOME `x` \n'
x=val
echo "double $x \$x \"q\" \\ \` '"
echo back\ slash\ space
echo "a\b" 'a\b' a\\b
echo "tab:	|"
echo ''"" "''" x''y
echo "$x"'$x'$x
