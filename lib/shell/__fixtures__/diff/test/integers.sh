# test integer comparisons.
for op in -eq -ne -lt -le -gt -ge; do
  if [ 3 $op 5 ]; then r=true; else r=false; fi
  echo "3 $op 5: $r"
done
[ -5 -lt 2 ] && echo "negative ok"
[ 007 -eq 7 ] && echo "leading zeros ok"
[ " 5" -eq 5 ] 2>/dev/null && echo "leading space ok"
