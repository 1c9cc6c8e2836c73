# command -v finds builtins and functions; fails for missing names.
f() { :; }
command -v echo
command -v f
command -v cd
command -v missing-cmd-xyz
echo "status: $?"
command -v ls >/dev/null && echo "ls found"
command echo "command runs builtins"
