# cd to a missing directory in a script keeps going.
cd /definitely/not/here
echo "status: $?"
cd nope 2>/dev/null || echo "fallback"
pwd | sed "s|$HOME|~|"
