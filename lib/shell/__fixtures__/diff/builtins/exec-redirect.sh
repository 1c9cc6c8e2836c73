# exec with only redirections changes the shell's own descriptors.
exec 3>out.txt
echo "to three" >&3
exec 3>&-
cat out.txt
exec 2>err.txt
ls missing-file
exec 2>&1
cat err.txt | sed 's/cannot access/CANNOT ACCESS/'
