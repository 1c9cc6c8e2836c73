# A stray closing parenthesis.
echo before
echo a )
echo after
