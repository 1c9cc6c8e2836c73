# Status of pipelines with programs.
echo abc | grep -q b && echo "found b"
echo abc | grep -q z || echo "no z"
printf 'x\n' | sort | uniq | wc -l
seq 100 | head -1
seq 3 | tail -1
echo "last status: $?"
