# readonly error inside a subshell.
readonly C=const
(C=other; echo never)
echo "status: $?"
unset C 2>/dev/null
echo "unset status: $?"
echo "C=$C"
