# Quotes are removed after expansion; empty quoted words survive.
set -- "" '' a"b"c 'd'"e"f
echo "$#"
printf '<%s>' "$@"; echo
empty=""
set -- $empty "$empty"
echo "$#"
echo x\
y
