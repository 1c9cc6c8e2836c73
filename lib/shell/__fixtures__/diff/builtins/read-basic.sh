# read splits into variables; -r keeps backslashes.
printf 'a b c\n' > in.txt
read x y < in.txt
echo "x=$x y=$y"
printf 'back\\slash\n' > bs.txt
read v < bs.txt; echo "without -r: $v"
read -r v < bs.txt; echo "with -r: $v"
printf 'no newline' > nn.txt
read v < nn.txt
echo "status $? v=$v"
read v < /dev/null
echo "eof status $? v=[$v]"
