# for over files the script created.
touch b.txt a.txt c.log
for f in *.txt; do echo "file: $f"; done
for f in *.none; do echo "no match: $f"; done
for f in [ab].*; do echo "bracket: $f"; done
