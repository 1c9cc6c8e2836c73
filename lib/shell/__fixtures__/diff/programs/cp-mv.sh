# cp and mv with files and directories.
echo content > orig.txt
cp orig.txt copy.txt
cat copy.txt
mkdir dest
cp orig.txt copy.txt dest/
ls dest
mv copy.txt renamed.txt
ls
mkdir -p tree/sub && echo x > tree/sub/f
cp -r tree tree2
cat tree2/sub/f
mv tree2 dest/
ls dest
