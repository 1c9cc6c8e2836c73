# xargs builds command lines from stdin.
printf 'a\nb\nc\n' | xargs echo
printf 'a b c d\n' | xargs -n 2 echo
touch f1 f2 f3
ls f* | xargs rm
ls f* 2>/dev/null || echo "all removed"
echo "x y" | xargs -I{} echo "item: {}"
printf '1\n2\n' | xargs -n1 sh -c 'echo "arg $0"'
