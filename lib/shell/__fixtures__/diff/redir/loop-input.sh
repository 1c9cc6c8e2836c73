# Redirecting into and out of compound commands.
printf '3\n1\n2\n' > nums.txt
while read -r n; do echo "n=$n"; done < nums.txt > out.txt
cat out.txt
if true; then echo from-if; fi > if.txt
cat if.txt
{ read -r a; read -r b; } < nums.txt
echo "$a $b"
