# dialects: ash
# BusyBox names process substitutions /dev/fd/64 up and splits the name like a command substitution's output.
echo <(true) <(true)
echo a<(true) --opt=<(true)
x=<(true)
echo "x=$x"
echo "<(true)" '<(true)'
IFS=/
echo <(true)
set -- <(true)
echo "$#"
IFS=' '
exec 64</dev/null
echo <(true)
exec 64<&-
for f in <(echo loop); do cat "$f"; done
[ -p <(true) ] && echo fifo
test -e <(true) && test -r <(true) && echo readable
[ -f <(true) ] || echo "not a file"
[ -e /dev/fd/9 ] || echo "fd 9 not open"
