# *, ? and [...] over files the script created, sorted.
touch apple.txt banana.txt cherry.log a1 a2 b10
echo *.txt
echo ?1
echo a?
echo [ab]*
echo [!a]*
echo *an*
echo b1?
