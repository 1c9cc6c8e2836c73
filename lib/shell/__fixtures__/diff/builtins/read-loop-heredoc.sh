# while read fed by a here-document.
while read -r name age; do
  echo "$name is $age"
done <<EOF
alice 30
bob 25
carol  41
EOF
n=0
while IFS= read -r line; do n=$((n + 1)); echo "$n:[$line]"; done <<'EOF'
  indented
	tabbed \t
EOF
