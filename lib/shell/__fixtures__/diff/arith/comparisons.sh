# Comparison and logical operators give 0 or 1.
echo $((3 < 4)) $((3 > 4)) $((3 <= 3)) $((3 >= 4)) $((3 == 3)) $((3 != 3))
echo $((1 && 2)) $((0 && 2)) $((0 || 0)) $((0 || 5))
echo $((!1)) $((!0))
