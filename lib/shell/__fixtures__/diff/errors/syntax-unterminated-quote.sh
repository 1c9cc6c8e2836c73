# An unterminated quote.
echo ok
echo "not closed
echo never
