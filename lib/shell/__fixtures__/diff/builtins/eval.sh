# eval concatenates its arguments and runs them.
cmd='echo hello'
eval $cmd
eval "x=5; y=\$x"
echo "y=$y"
var=name
eval "$var=dynamic"
echo "name=$name"
eval 'for i in 1 2; do echo "i=$i"; done'
eval "false"
echo "eval status: $?"
eval ''
echo "empty eval: $?"
set -- a b c
eval "last=\${$#}"
echo "last=$last"
