# . of a missing file is an error.
. ./missing.sh
echo "after: $?"
