# true, false and : as commands.
true; echo $?
false; echo $?
:; echo $?
: ignored arguments $((1+1)); echo $?
true extra args; echo $?
false extra; echo $?
