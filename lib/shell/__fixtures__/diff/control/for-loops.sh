# for over words, globs and "$@".
for i in 1 2 3; do echo "i=$i"; done
for w in "a b" c; do echo "[$w]"; done
set -- x "y z"
for arg; do echo "arg: $arg"; done
for arg in "$@"; do echo "quoted: $arg"; done
for e in; do echo never; done
echo "empty for done"
list="one two three"
for w in $list; do printf '%s,' "$w"; done; echo
