# IFS= read -r preserves whitespace; a custom IFS splits.
printf '  two  spaces  \n' | { IFS= read -r l; echo "[$l]"; }
printf '  two  spaces  \n' | { read -r l; echo "[$l]"; }
printf 'a,b,c\n' | { IFS=, read -r a b c; echo "$c$b$a"; }
printf 'user:x:1000\n' > passwd
while IFS=: read -r user _ uid; do echo "$user=$uid"; done < passwd
