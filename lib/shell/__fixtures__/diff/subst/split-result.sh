# Unquoted substitutions are split and globbed; quoted ones are not.
touch one.txt two.txt
words=$(echo "a b   c")
for w in $words; do echo "[$w]"; done
for w in "$words"; do echo "[$w]"; done
for f in $(echo '*.txt'); do echo "glob: $f"; done
set -- $(printf '1\n2\n3')
echo "$#"
