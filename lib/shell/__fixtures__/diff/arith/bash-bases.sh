# dialects: bash
# bash base#digits constants.
echo $((2#1010)) $((16#ff)) $((36#z)) $((8#17))
