# dialects: bash
# bash ${x:offset:length}.
s=abcdefgh
echo "${s:2}"
echo "${s:2:3}"
echo "${s: -3}"
echo "${s: -3:2}"
echo "${s:0:1}"
echo "${s:10}"
echo "[${s:3:0}]"
set -- a b c d e
echo "${@:2:2}"
