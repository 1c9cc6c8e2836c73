# dialects: bash
# bash-only ;& and ;;& in case.
for v in a b c; do
  case $v in
    a) echo "a" ;&
    b) echo "a or b" ;;&
    *) echo "any: $v" ;;
  esac
done
