# dialects: bash
# >(list): the list reads what the command writes; `wait $!` waits for the last one.
printf 'l1\nl2\n' > in.txt
tee >(sed 's/^/proc: /') < in.txt > /dev/null
wait $!
echo "after $?"
echo x > >(cat; exit 4)
wait $!
echo "status $?"
tee >(cat > copy1.txt) < in.txt > /dev/null
wait $!
cat copy1.txt
echo "[$(echo hi | tee /dev/stderr 2>&1)]"
