# Variables in arithmetic, with and without $.
a=5 b=3
echo $((a + b)) $(($a * $b))
c=a
echo $((c + 1))
unset z
echo $((z + 1))
e=
echo $((e + 2))
n=010
echo $((n + 0))
