# Substitutions in case words and here-docs.
case $(echo abc) in
  a*) echo "starts with a" ;;
esac
cat <<EOF
lines: $(printf 'x\ny\n' | wc -l)
upper: $(echo shout | tr a-z A-Z)
EOF
