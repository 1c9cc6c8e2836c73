# Empty here-documents and a delimiter with odd characters.
cat <<EOF
EOF
echo "after empty"
cat <<'END-OF-DATA'
data
END-OF-DATA
cat <<EOF
  leading spaces kept
EOF
