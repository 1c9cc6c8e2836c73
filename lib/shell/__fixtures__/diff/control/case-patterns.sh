# case patterns: ?, bracket classes, quoted patterns, variables.
pat='*.txt'
for f in a.txt b.c x 'a*' '*.txt'; do
  case $f in
    "$pat") echo "$f: literal star pattern" ;;
    $pat) echo "$f: text file" ;;
    ?.c) echo "$f: one-letter C file" ;;
    'a*') echo "$f: quoted a-star" ;;
    [!a-z]) echo "$f: not a lowercase letter" ;;
    *) echo "$f: other" ;;
  esac
done
case x in (x) echo "paren form" ;; esac
case y in x) ;; esac
echo "no match status: $?"
