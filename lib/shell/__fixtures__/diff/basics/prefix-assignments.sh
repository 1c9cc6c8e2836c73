# VAR=value cmd puts VAR in that command's environment only.
unset GREETING
GREETING=hi sh -c 'echo "child sees: $GREETING"'
echo "parent sees: [${GREETING-unset}]"
A=1 B=2 sh -c 'echo "$A $B"'
show() { echo "func sees: $LOCALVAR"; }
LOCALVAR=yes show
x=old
x=new true
echo "x is $x"
