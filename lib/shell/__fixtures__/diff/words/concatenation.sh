# Adjacent words join into one.
a=foo b=bar
echo $a$b "$a"-"$b" ${a}_${b} $a'_'$b
echo pre"$a"post
set -- "$a"' '"$b"
echo $#
