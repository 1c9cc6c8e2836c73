# wc counts.
printf 'one two\nthree\n' > t.txt
wc t.txt
wc -l t.txt
wc -w < t.txt
wc -c < t.txt
echo hello | wc -c
printf 'no newline' | wc -l
