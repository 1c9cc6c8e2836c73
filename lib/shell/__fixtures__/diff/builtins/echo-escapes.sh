# echo -e interprets backslash escapes (both shells).
echo -e 'a\tb'
echo -e 'line1\nline2'
echo -e 'no newline\c' ; echo
echo -e '\x41\0102'
echo -E 'raw\n'
