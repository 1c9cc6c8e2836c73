# tr translations, deletes and squeezes.
echo "Hello World" | tr a-z A-Z
echo "Hello World" | tr 'A-Z' 'a-z'
echo "a-b-c" | tr - _
echo "hello   world" | tr -s ' '
echo "remove digits 123" | tr -d 0-9
echo "a:b:c" | tr : '\n'
echo "abc" | tr -d '\n'; echo
echo "hello" | tr -cd 'l\n'
