# Writing files with echo and printf, reading them back with cat.
echo "name=demo" > .env
printf 'PORT=%d\nHOST=%s\n' 8080 localhost >> .env
cat .env
cat -n .env
printf '%s\n' a b c > list.txt
cat list.txt list.txt | wc -l
