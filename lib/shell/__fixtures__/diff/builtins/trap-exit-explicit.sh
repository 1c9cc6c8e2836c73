# The EXIT trap runs after exit N, and keeps N.
cleanup() { echo "cleanup"; rm -f tmp.lock; }
trap cleanup EXIT
touch tmp.lock
echo "lock exists: $(ls tmp.lock)"
exit 3
