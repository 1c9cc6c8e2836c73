# type describes builtins, functions, keywords.
myfunc() { :; }
type echo
type cd
type if
type myfunc | head -1
type nonexistent-xyz
echo "status: $?"
