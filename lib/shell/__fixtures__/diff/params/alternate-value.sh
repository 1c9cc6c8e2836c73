# ${x+a} and ${x:+a}: the alternate when set (and non-empty).
unset u; e=; s=val
echo "[${u+alt}] [${e+alt}] [${s+alt}]"
echo "[${u:+alt}] [${e:+alt}] [${s:+alt}]"
flags=
flags="${flags:+$flags }-v"
flags="${flags:+$flags }-x"
echo "flags=$flags"
