# A missing command: message and status 127; the script goes on.
nosuchcommand-abc arg
echo "status: $?"
./not-here.sh
echo "status: $?"
/usr/bin/nope-xyz
echo "status: $?"
