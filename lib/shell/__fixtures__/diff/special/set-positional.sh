# set -- replaces positional parameters; quoting preserved.
set -- "x y" z
echo "$#: $1 / $2"
set -- $(echo one two three)
echo "$#: $*"
set --
echo "$#"
args="-a -b"
set -- $args
echo "$#: $2"
