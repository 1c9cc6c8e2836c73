# printf formatting a table.
printf '%-8s %5s\n' NAME SIZE
for row in "app 120" "db 4096" "cache 7"; do
  set -- $row
  printf '%-8s %5d\n' "$1" "$2"
done
printf '%s=%s\n' a 1 b 2 c 3
