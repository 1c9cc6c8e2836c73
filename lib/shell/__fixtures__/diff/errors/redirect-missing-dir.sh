# A redirection into a missing directory fails the command only.
echo data > nodir/file.txt
echo "status: $?"
echo ok
