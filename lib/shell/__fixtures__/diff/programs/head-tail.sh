# head and tail with -n.
seq 1 20 > s.txt
head -3 s.txt
head -n 2 s.txt
tail -2 s.txt
tail -n 3 s.txt
tail -n +18 s.txt
head -c 5 s.txt; echo
seq 5 | head -n -2 2>/dev/null || echo "no negative head"
