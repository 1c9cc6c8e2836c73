# Quoting disables globbing; escaping a metachar too.
touch 'a*b' ab axb
echo a*b
echo "a*b"
echo 'a*b'
echo a\*b
p='a*'
echo $p
echo "$p"
