# dialects: bash
# bash's &> and &>> send both streams to a file.
{ echo out; echo err >&2; } &> all.txt
sort all.txt
{ echo more; echo moreerr >&2; } &>> all.txt
wc -l < all.txt
ls missing |& sed 's/^/piped: /'
