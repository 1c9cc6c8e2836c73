# Here-documents inside functions and loops expand each time.
usage() {
  cat <<EOF
Usage: $1 [options]
  -h  help
EOF
}
usage prog
usage other
for i in 1 2; do
  cat <<EOF
iteration $i
EOF
done
