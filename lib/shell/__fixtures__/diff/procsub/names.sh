# dialects: bash
# bash names process substitutions /dev/fd/63 down, one field each, anywhere in a word.
echo <(true) <(true)
echo a<(true) --opt=<(true) 2<(true) <(true)x
x=<(true)
echo "x=$x"
echo "<(true)" '<(true)'
echo {a,b}<(true)
echo ${unset:-<(true)}
echo $(echo <(true))
IFS=/
echo <(true)
set -- <(true)
echo "$#"
IFS=' '
exec 63</dev/null
echo <(true)
exec 63<&-
echo $(( 1 <(2) ))
cat<(echo glued) 2>&1
[[ -n <(true) ]] && echo dbracket
case <(true) in /dev/fd/*) echo matched ;; esac
for f in <(echo loop); do cat "$f"; done
bash <(echo 'echo "script $0 ran: $1"') arg
source <(echo 'echo sourced with "$@"') a b
[ -p <(true) ] && echo fifo
test -e <(true) && test -r <(true) && echo readable
[ -w <(true) ] || echo "not writable"
[ -w >(true) ] && echo "writable"
[ -f <(true) ] || echo "not a file"
[ -e /dev/fd/9 ] || echo "fd 9 not open"
