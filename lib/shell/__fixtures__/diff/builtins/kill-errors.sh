# kill with a bad signal name.
kill -NOSUCHSIG 1
echo "status: $?"
