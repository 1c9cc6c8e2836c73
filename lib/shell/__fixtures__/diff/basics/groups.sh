# Brace groups run in the current shell and can share one redirection.
x=1
{ x=2; echo "in group: $x"; }
echo "after group: $x"
{ echo line1; echo line2; } > grouped.txt
cat grouped.txt
{ echo out; echo err >&2; } 2>/dev/null
{ false; }
echo "group status: $?"
