# A variable holding a non-number in arithmetic.
x=abc
echo $((x + 1))
y="1 + 2"
echo $((y * 2))
z='3 3'
echo $((z))
echo end
