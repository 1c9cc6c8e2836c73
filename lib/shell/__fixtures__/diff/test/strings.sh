# test / [ string operators.
s=abc e=
[ -n "$s" ] && echo "-n nonempty"
[ -z "$e" ] && echo "-z empty"
[ "$s" = abc ] && echo "= equal"
[ "$s" != abd ] && echo "!= differs"
[ "$s" ] && echo "bare nonempty"
[ "$e" ] || echo "bare empty is false"
test abc = abc && echo "test works"
[ "a" \< "b" ] && echo "< sorts"
[ "b" \> "a" ] && echo "> sorts"
[ -z "" -a -n x ] && echo "-a and"
[ -z x -o -n x ] && echo "-o or"
[ ! -z x ] && echo "! negates"
