# Killing a background job we started.
# dialects: bash
# (Not for ash: whether BusyBox's `wait` reports "Terminated" depends on how fast the job dies, so real BusyBox
# gives either output from run to run; the suite needs a deterministic oracle.)
sleep 10 &
pid=$!
kill $pid
wait $pid
echo "status: $?"
