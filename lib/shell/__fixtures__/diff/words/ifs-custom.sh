# A custom IFS; non-whitespace separators make empty fields.
line="root:x:0:0::/root:/bin/sh"
IFS=:
set -- $line
echo "$# fields"
printf '[%s]' "$@"; echo
IFS=,
csv="a,,b,"
set -- $csv
echo "$# fields"
printf '[%s]' "$@"; echo
IFS=" ,"
mixed="a , b,,c"
set -- $mixed
printf '[%s]' "$@"; echo
unset IFS
set -- $line
echo "$#"
