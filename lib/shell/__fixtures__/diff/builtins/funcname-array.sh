# dialects: bash
# FUNCNAME is an array, innermost first, `main` at the bottom in a script, `source` for sourced files; empty at top level.
f() { echo "f: ${FUNCNAME[*]} n=${#FUNCNAME[@]} scalar=$FUNCNAME"; }
g() { f; echo "g: ${FUNCNAME[0]} ${FUNCNAME[1]} ${FUNCNAME[-1]}"; }
g
echo "top: [${FUNCNAME[*]}] n=${#FUNCNAME[@]}"
printf '%s\n' 'echo "sourced: [${FUNCNAME[*]}]"' 'f' > lib.sh
. ./lib.sh
h() { . ./lib.sh; }
h
_is_sourced() { [ "${#FUNCNAME[@]}" -ge 2 ] && [ "${FUNCNAME[0]}" = '_is_sourced' ] && [ "${FUNCNAME[1]}" = 'source' ]; }
_is_sourced && echo sourced || echo "run as a script"
printf '%s\n' '_is_sourced && echo "now sourced"' > check.sh
. ./check.sh
