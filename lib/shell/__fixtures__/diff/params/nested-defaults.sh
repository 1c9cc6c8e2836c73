# Nested expansions inside defaults.
unset a b
c=see
echo "${a:-${b:-${c}}}"
echo "${a:-$(echo from-subst)}"
echo "${a:-$((2 * 21))}"
d=${a:-x}${b:-y}
echo "$d"
