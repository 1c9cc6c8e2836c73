# exec replaces the shell; nothing after it runs.
echo before
exec echo "replaced by echo"
echo never
