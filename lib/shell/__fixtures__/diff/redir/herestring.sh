# dialects: bash
# bash here-strings.
read -r a b <<< "one two"
echo "$b $a"
tr a-z A-Z <<< 'shout'
wc -c <<< ""
x=value
cat <<<$x
