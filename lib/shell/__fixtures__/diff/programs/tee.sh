# tee copies stdin to files and stdout.
echo "logged line" | tee out.log
echo "second" | tee -a out.log > /dev/null
cat out.log
echo "two files" | tee f1 f2 | wc -l
cat f1 f2
