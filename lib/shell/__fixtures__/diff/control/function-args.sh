# Positional parameters inside functions are the function's own.
set -- outer1 outer2
show() { echo "$# args: $*"; echo "first: $1"; }
show a b c
echo "back outside: $# args: $*"
wrap() { show "$@"; }
wrap "x y" z
