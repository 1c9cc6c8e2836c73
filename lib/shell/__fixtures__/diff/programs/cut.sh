# cut fields and characters.
echo "root:x:0:0:root:/root:/bin/bash" > pw
cut -d: -f1 pw
cut -d: -f1,7 pw
cut -d: -f6- pw
cut -c1-4 pw
echo "a b c" | cut -d' ' -f2
printf 'k1=v1\nk2=v2\n' | cut -d= -f2
