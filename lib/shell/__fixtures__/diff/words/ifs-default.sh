# Default IFS splits on runs of space, tab and newline; leading/trailing removed.
v="  one   two	three
four  "
set -- $v
echo "$#"
printf '[%s]' "$@"; echo
e=""
set -- $e
echo "empty expands to $# words"
set -- "$e"
echo "quoted empty is $# word"
