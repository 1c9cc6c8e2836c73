# < reads a file as stdin.
printf 'line one\nline two\n' > in.txt
wc -l < in.txt
tr a-z A-Z <in.txt
< in.txt head -1
while read -r l; do echo "got: $l"; done < in.txt
