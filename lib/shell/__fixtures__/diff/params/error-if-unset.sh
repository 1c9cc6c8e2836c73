# ${x:?msg} aborts a non-interactive shell with the message.
set_var=ok
echo "${set_var:?not shown}"
echo before
echo "${missing:?is required}"
echo "never printed"
