# /dev/null as a sink and an empty source.
echo gone > /dev/null
cat /dev/null
wc -c < /dev/null
grep x /dev/null
echo "grep status: $?"
