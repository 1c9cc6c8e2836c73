# Unquoted here-documents expand parameters and command substitutions.
name=world
cat <<EOF
hello $name
today is $(echo Tuesday)
sum: $((1 + 2))
escaped \$name and \`
backslash at end \\
EOF
