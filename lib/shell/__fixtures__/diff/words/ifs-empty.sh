# IFS= disables splitting of unquoted expansions.
v="a b  c"
IFS=
set -- $v
echo "$#: $1"
unset IFS
set -- $v
echo "$#"
