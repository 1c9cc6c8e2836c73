# IFS applies to read: fields, leftovers go to the last variable.
echo "a:b:c:d" | { IFS=: read -r x y rest; echo "x=$x y=$y rest=$rest"; }
echo "  lead  trail  " | { read -r v; echo "[$v]"; }
echo "  lead  trail  " | { IFS= read -r v; echo "[$v]"; }
echo "one two" | { read -r a b c; echo "a=$a b=$b c=[$c]"; }
printf 'k=v\n' | { IFS== read -r key val; echo "$key -> $val"; }
