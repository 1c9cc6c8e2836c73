# while with a counter, break and continue.
i=0
while [ $i -lt 5 ]; do
  i=$((i + 1))
  if [ $i -eq 2 ]; then continue; fi
  if [ $i -eq 4 ]; then break; fi
  echo "i=$i"
done
echo "final i=$i"
n=3
while [ $n -gt 0 ]; do echo $n; n=$((n-1)); done
echo liftoff
