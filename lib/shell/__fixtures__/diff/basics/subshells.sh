# A subshell gets a copy of the environment; changes do not leak out.
x=outer
(x=inner; echo "in subshell: $x")
echo "after subshell: $x"
(cd /; pwd)
pwd | sed "s|$HOME|HOME|"
(exit 7)
echo "subshell exit: $?"
( echo a; echo b ) | wc -l
