# $? reflects the last command; ! inverts it.
true; echo $?
false; echo $?
! true; echo $?
! false; echo $?
sh -c 'exit 42'; echo $?
(exit 255); echo $?
(exit 256); echo $?
! (exit 3); echo $?
