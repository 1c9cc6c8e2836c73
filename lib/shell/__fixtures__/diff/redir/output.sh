# > creates or truncates, >> appends.
echo first > out.txt
echo second > out.txt
cat out.txt
echo third >> out.txt
echo fourth >>out.txt
cat out.txt
>empty.txt
wc -c < empty.txt
echo to-new >> new.txt
cat new.txt
