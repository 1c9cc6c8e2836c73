# A failed redirection skips the command; status 1 (bash) or 2/1 in sh.
echo hi > /nonexistent/dir/file
echo "status: $?"
cat < missing.txt
echo "status: $?"
mkdir d
echo x > d
echo "status: $?"
