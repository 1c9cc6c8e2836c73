# Loop over files, renaming and counting lines.
for i in 1 2 3; do seq $i > "file$i.txt"; done
for f in file*.txt; do
  echo "$f: $(wc -l < "$f") lines"
done
for f in *.txt; do mv "$f" "${f%.txt}.dat"; done
ls
total=0
for f in *.dat; do total=$((total + $(wc -l < "$f"))); done
echo "total: $total"
