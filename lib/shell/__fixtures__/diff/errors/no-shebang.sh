# An executable script without #! is run by the shell itself.
printf 'echo "no shebang, args: $*"\n' > plain
chmod +x plain
./plain a b
echo "status: $?"
