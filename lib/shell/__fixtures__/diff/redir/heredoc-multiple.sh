# Several here-documents on one command line and in sequence.
cat <<A; cat <<B
first doc
A
second doc
B
{ cat; cat <&3; } 3<<C <<D
c-line on fd 3
C
d-line on stdin
D
while read -r x; do echo "loop: $x"; done <<EOF
one
two
EOF
