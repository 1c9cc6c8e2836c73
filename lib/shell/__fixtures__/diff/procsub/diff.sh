# diff of two lists' output without temporary files.
diff <(printf 'a\nb\nc\n') <(printf 'a\nx\nc\n')
echo "status $?"
diff <(echo same) <(echo same) && echo identical
printf 'one\ntwo\n' > f.txt
diff f.txt <(printf 'one\nthree\n')
echo "status $?"
cmp <(echo a) <(echo a) && echo cmp-same
