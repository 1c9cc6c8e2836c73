# 2> sends stderr to a file; 2>/dev/null discards it.
ls missing-file 2> err.txt
echo "ls status: $?"
cat err.txt
ls missing-file 2>/dev/null || echo "silenced"
echo visible 2>/dev/null
{ echo oops >&2; } 2> e2.txt
cat e2.txt
