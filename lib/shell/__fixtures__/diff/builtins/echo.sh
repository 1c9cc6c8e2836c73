# echo: arguments, -n, escapes in the host shell.
echo a b c
echo -n "no newline"; echo "|"
echo -- dashes
echo -x
echo ""
echo "  spaces  "
