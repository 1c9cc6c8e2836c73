# mkdir -p, rm -r, rmdir.
mkdir -p a/b/c
ls -R a
rmdir a/b/c
ls a/b
mkdir -p x/y && touch x/y/file
rm -r x
ls
rm -f nonexistent && echo "rm -f quiet"
mkdir -p a
echo "mkdir -p existing: $?"
rm -rf a
ls
