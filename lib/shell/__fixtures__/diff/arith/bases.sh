# Hex and octal constants.
echo $((0x1F)) $((0XFF)) $((010)) $((0)) $((0x0))
echo $((0x10 + 010 + 10))
