# awk with variables and arrays.
printf 'x 1\ny 2\nx 3\n' > kv.txt
awk '{count[$1] += $2} END {for (k in count) print k, count[k]}' kv.txt | sort
awk -v greeting=hi 'BEGIN {print greeting}'
awk 'length($0) > 2' kv.txt | wc -l
echo "Hello World" | awk '{print toupper($1), tolower($2)}'
echo "a b c" | awk '{ $2 = "B"; print }'
