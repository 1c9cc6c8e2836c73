# ${x=d} and ${x:=d} assign when unset (or empty).
unset a b; c=
echo "[${a=first}] a=$a"
echo "[${a=second}] a=$a"
echo "[${c=not-used}] c=[$c]"
echo "[${c:=now-used}] c=[$c]"
: ${b:=from-colon}
echo "b=$b"
: "${PORT:=8080}"
echo "PORT=$PORT"
