# shift in loops and shift N.
set -- 1 2 3 4 5
while [ $# -gt 0 ]; do printf '%s ' "$1"; shift; done; echo
set -- a b c d
shift 2
echo "$*"
shift 0
echo "$*"
