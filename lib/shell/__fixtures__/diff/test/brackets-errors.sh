# Malformed test expressions give status 2 and a message.
[ 1 -eq ]
echo "status: $?"
[ abc -eq 1 ]
echo "status: $?"
[ a = b
echo "status: $?"
test 1 2 3
echo "status: $?"
