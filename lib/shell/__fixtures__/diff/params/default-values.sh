# ${x-d} and ${x:-d}: unset vs empty.
unset u; e=; s=set
echo "[${u-default}] [${e-default}] [${s-default}]"
echo "[${u:-default}] [${e:-default}] [${s:-default}]"
echo "[${u:-$s and more}]"
echo "[${u:-'single quoted'}] [${u:-"double $s"}]"
echo "u still unset: [${u-unset}]"
