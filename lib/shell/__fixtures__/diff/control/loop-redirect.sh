# A loop's output can be redirected and piped as a whole.
for i in 3 1 2; do echo $i; done | sort
for i in a b; do echo $i; done > loop.txt
cat loop.txt
i=0
while [ $i -lt 3 ]; do echo "line $i"; i=$((i+1)); done | tail -1
