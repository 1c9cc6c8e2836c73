# Running a directory.
mkdir adir
./adir
echo "status: $?"
