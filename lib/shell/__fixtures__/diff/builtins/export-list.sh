# export -p lists exported variables (only check our own).
export MYVAR=hello
export -p | grep MYVAR
export SPACED="a b"
export -p | grep SPACED
