# kill with a signal name and number: a subshell kills itself.
sh -c 'kill -TERM $$; echo never'
echo "status: $?"
st=$( { sh -c 'kill -9 $$'; echo $?; } 2>/dev/null )
echo "killed: $st"
kill -l 15
kill -l TERM
