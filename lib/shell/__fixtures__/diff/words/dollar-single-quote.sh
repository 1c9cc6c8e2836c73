# dialects: bash
# bash $'...' strings.
echo $'tab:\there'
echo $'newline:\nnext'
echo $'quote: \' and backslash \\'
echo $'\x41\x42 \101'
