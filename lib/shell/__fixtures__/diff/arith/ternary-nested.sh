# dialects: bash
# Nested conditional operators (BusyBox 1.35 rejects a ?: in the middle operand).
a=5
echo $((a > 3 ? a > 4 ? 1 : 2 : 3))
echo $((0 ? 1 : 0 ? 2 : 3))
echo $((1 ? 2 : 3 ? 4 : 5))
