# dialects: bash
# bash [[ ]]: patterns, regex, && || inside.
s=hello.txt
[[ $s == *.txt ]] && echo "glob match"
[[ $s == "*.txt" ]] || echo "quoted is literal"
[[ $s =~ ^h(el+)o ]] && echo "regex: ${BASH_REMATCH[1]}"
[[ -n $s && $s != x ]] && echo "and inside"
[[ -z $s || 1 -eq 1 ]] && echo "or inside"
unset empty
[[ -z $empty ]] && echo "no quoting needed"
[[ 10 -gt 9 ]] && echo "numeric"
[[ b > a ]] && echo "string compare"
