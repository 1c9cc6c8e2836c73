# while read fed by a pipe runs in a subshell in both shells.
count=0
printf 'x\ny\nz\n' | while read -r l; do count=$((count + 1)); echo "$count $l"; done
echo "count after pipe: $count"
printf 'a b\nc d\n' | while read -r first second; do echo "$second $first"; done
ls -1 | sort | while read -r f; do echo "file: $f"; done
