# shift past the end fails (message and status differ by shell).
set -- a b
shift 3
echo "status: $?"
echo "still $#: $*"
