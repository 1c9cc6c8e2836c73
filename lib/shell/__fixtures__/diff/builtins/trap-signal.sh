# A trap on a signal sent to ourselves.
trap 'echo "got USR1"' USR1
kill -USR1 $$
echo "after signal"
trap 'echo "got TERM"; exit 1' TERM
kill -TERM $$
echo never
