# dialects: bash
# bash read -a, -d, -n.
read -r -a arr <<< "one two three"
echo "${arr[1]} ${#arr[@]}"
read -r -d ';' part <<< "first;second"
echo "$part"
read -r -n 3 chars <<< "abcdef"
echo "$chars"
echo "x y" | { read -r; echo "REPLY=[$REPLY]"; }
