# exec of a missing command fails the script.
echo before
exec nonexistent-cmd-xyz
echo never
