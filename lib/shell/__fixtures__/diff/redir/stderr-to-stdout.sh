# 2>&1 order matters.
{ echo out; echo err >&2; } > both.txt 2>&1
sort both.txt
{ echo out; echo err >&2; } 2>&1 > only-out.txt | sed 's/^/piped: /'
cat only-out.txt
ls nothing-here 2>&1 | sed 's/^/msg: /'
