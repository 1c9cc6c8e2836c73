# Killing a background job we started.
sleep 10 &
pid=$!
kill $pid
wait $pid
echo "status: $?"
