# unset removes variables and functions.
v=1
unset v
echo "v=[${v-gone}]"
f() { echo func; }
unset -f f
f 2>/dev/null || echo "function gone"
w=2
unset -v w
echo "w=[${w-gone}]"
unset never_set
echo "unset of unset: $?"
