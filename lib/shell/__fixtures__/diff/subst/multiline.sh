# Multi-line command substitutions.
result=$(
  for i in 1 2 3; do
    echo "item $i"
  done | tail -n 2
)
echo "$result"
v=$(cat <<EOF
from heredoc
EOF
)
echo "$v"
