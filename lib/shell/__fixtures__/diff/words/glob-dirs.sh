# Globs in paths and trailing slashes.
mkdir -p src/a src/b lib
touch src/a/one.c src/b/two.c src/readme lib/z.c
echo src/*/*.c
echo */
echo src/*/
echo */*.c
