# dialects: bash
# bash indexed arrays.
arr=(one two "three four")
echo "${arr[0]} ${arr[2]}"
echo "${#arr[@]}"
for x in "${arr[@]}"; do echo "[$x]"; done
arr+=(five)
echo "${arr[@]}"
arr[10]=ten
echo "${!arr[@]}"
unset 'arr[1]'
echo "${arr[*]}"
echo "${#arr[2]}"
