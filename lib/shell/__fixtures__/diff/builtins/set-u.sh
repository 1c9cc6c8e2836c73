# set -u makes unset variables an error.
set -u
x=1
echo "x=$x"
echo "default ok: ${y-none}"
echo "$y"
echo never
