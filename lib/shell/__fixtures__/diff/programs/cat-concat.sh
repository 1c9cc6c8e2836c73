# cat concatenation and stdin dash.
echo first > 1.txt
echo third > 3.txt
echo second | cat 1.txt - 3.txt
cat 1.txt 3.txt > all.txt
wc -l < all.txt
