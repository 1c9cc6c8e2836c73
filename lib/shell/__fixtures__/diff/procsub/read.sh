# <(list): programs read the list's output through /dev/fd/N; loops and builtins read it by redirection.
cat <(echo one) <(echo two)
while read -r l; do echo "got $l"; done < <(printf 'a\nb\n')
read -r x < <(echo first line; echo second)
echo "x=$x"
printf 'b\na\nc\n' > list.txt
sort <(cat list.txt)
grep -c a <(printf 'a\nb\na\n')
wc -l < <(printf '1\n2\n3\n')
head -n 1 <(printf 'l1\nl2\n')
echo input | cat <(cat) -
cat <(exit 3)
echo "status $?"
cat <(echo out; echo err >&2) 2>&1
f() { cat "$1"; cat "$1"; echo end; }
f <(echo once)
exec 3< <(echo three)
cat <&3
exec 3<&-
cat /dev/fd/7 2>/dev/null || echo "fd 7 closed"
x=$(cat <(echo in cmdsub))
echo "$x"
. <(echo 'y=sourced; echo "args: $#"')
echo "y=$y"
