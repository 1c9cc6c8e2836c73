# <> opens a file for reading and writing.
echo hello > rw.txt
exec 5<> rw.txt
read -r word <&5
echo "read: $word"
exec 5>&-
cat rw.txt
