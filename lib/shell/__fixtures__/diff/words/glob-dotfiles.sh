# * does not match leading dots unless written explicitly.
touch .hidden visible .also
echo *
echo .h*
echo .[!.]*
mkdir d
touch d/x d/.y
echo d/*
