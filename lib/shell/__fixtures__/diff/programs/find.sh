# find by name and type over a tree the script built.
mkdir -p src/lib test
touch src/main.c src/lib/util.c src/lib/util.h test/t.c README
find . -name '*.c' | sort
find . -type d | sort
find src -type f -name 'util*' | sort
find . -name '*.h' -o -name README | sort
find . -maxdepth 1 -type f | sort
find test
