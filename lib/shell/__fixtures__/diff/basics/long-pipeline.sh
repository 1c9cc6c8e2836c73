# A longer pipeline as seen in Dockerfiles.
printf 'apple\nbanana\ncherry\napple\nbanana\napple\n' > fruits.txt
cat fruits.txt | sort | uniq -c | sort -rn | head -2
cat fruits.txt | grep -v cherry | tr a-z A-Z | sort -u
