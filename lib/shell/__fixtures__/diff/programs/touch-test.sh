# touch creates files and keeps existing content.
touch new
[ -f new ] && [ ! -s new ] && echo "created empty"
echo keep > kept
touch kept
cat kept
touch a b c
ls
