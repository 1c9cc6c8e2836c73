# Plain assignments: no word splitting, no globbing on the right side.
a=hello
b="two words"
c=$b
d=*
e=
echo "$a|$b|$c|$d|$e"
f=$a$b
echo "$f"
g='$a'
echo "$g"
a=1 b=2 c=3
echo "$a $b $c"
