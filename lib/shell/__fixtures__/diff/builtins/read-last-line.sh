# A last line without newline: read fails but sets the variable.
printf 'one\ntwo' > f.txt
while read -r l; do echo "got $l"; done < f.txt
echo "leftover: $l"
while read -r l || [ -n "$l" ]; do echo "fixed $l"; done < f.txt
