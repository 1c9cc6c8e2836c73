# wait for several background jobs and their statuses.
(exit 1) &
p1=$!
(exit 2) &
p2=$!
wait $p1; echo "first: $?"
wait $p2; echo "second: $?"
echo a > a.txt & echo b > b.txt &
wait
cat a.txt b.txt
wait
echo "wait with no jobs: $?"
