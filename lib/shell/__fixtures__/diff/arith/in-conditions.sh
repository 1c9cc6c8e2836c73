# Arithmetic results in tests and loops.
n=10
if [ $((n % 2)) -eq 0 ]; then echo even; fi
total=0
for i in 1 2 3 4 5; do total=$((total + i)); done
echo "total=$total"
i=1
while [ $((i * i)) -lt 50 ]; do i=$((i + 1)); done
echo "i=$i"
