# dialects: bash
# command -v prints the path of external programs.
command -v ls
command -v sort
type -t ls
type -t echo
type -P cat
