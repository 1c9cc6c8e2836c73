# set -- with options-looking args, and set with no -- for plain words.
set -- -x -e
echo "$# $1 $2"
case $- in *x*) echo "x enabled by mistake" ;; *) echo "x not enabled" ;; esac
set a b c
echo "$*"
