# The error only ends the subshell it happens in.
( : "${NAME:?NAME must be set}" )
echo "subshell status: $?"
e=
( echo "${e:?is empty}" )
echo "status again: $?"
echo still running
