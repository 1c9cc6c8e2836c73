# case with patterns, alternatives and the default.
for x in apple banana cherry kiwi 42 ""; do
  case $x in
    apple|banana) echo "$x: yellow or red" ;;
    c*) echo "$x: starts with c" ;;
    [0-9]*) echo "$x: number" ;;
    "") echo "empty" ;;
    *) echo "$x: something else" ;;
  esac
done
