# $? after various commands.
true; echo $?
ls /nonexistent 2>/dev/null; echo $?
nonexistent-command 2>/dev/null; echo $?
x=$(exit 5); echo $?
x=1; echo $?
(exit 300); echo $?
$(exit 4); echo $?
