# A pattern that matches nothing stays as it is.
echo *.nothing
echo no?match
echo [xyz]*.q
ls *.nothing 2>/dev/null || echo "ls got the literal"
set -- *.none
echo "$# [$1]"
