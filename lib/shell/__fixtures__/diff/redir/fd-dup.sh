# >&2, 1>&2 and numbered descriptors.
echo "to stderr" >&2
echo "also stderr" 1>&2
exec 3> fd3.txt
echo "via fd 3" >&3
echo "again fd 3" >&3
exec 3>&-
cat fd3.txt
exec 4< fd3.txt
read -r first <&4
echo "read from 4: $first"
exec 4<&-
