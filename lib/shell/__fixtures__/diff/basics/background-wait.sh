# A background job, then wait for it before printing the rest.
echo started > log.txt &
wait
cat log.txt
{ echo inside; } > bg2.txt &
wait $!
echo "wait status: $?"
cat bg2.txt
(exit 3) &
wait $!
echo "job status: $?"
