# Assignment operators inside $(( )).
x=5
echo $((x += 3)) $x
echo $((x -= 2)) $x
echo $((x *= 4)) $x
echo $((x /= 5)) $x
echo $((x %= 3)) $x
echo $((x <<= 3)) $x
echo $((x >>= 1)) $x
echo $((x |= 1)) $((x &= 12)) $((x ^= 5)) $x
echo $((y = 7)) $y
