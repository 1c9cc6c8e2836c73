# jobs lists background jobs in a script.
sleep 5 &
jobs | sed 's/ \+/ /g'
kill %1
wait
echo "status after kill: $?"
jobs
echo "no jobs left"
