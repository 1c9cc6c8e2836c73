# sort options and uniq counting.
printf '10\n9\n100\n9\n' > nums.txt
sort nums.txt
sort -n nums.txt
sort -rn nums.txt
sort -u nums.txt
sort -n nums.txt | uniq
sort nums.txt | uniq -c
sort nums.txt | uniq -d
printf 'b 2\na 3\nc 1\n' | sort -k2 -n
printf 'b,2\na,3\n' | sort -t, -k2 -r
