# Exit statuses from various failures.
sh -c 'exit 1'; echo "$?"
sh -c 'exit 126'; echo "$?"
cat /nonexistent 2>/dev/null; echo "$?"
grep pattern /nonexistent 2>/dev/null; echo "$?"
ls /nonexistent 2>/dev/null; echo "$?"
