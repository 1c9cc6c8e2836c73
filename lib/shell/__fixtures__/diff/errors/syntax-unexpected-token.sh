# A syntax error stops the script before the bad line runs.
echo "first line runs"
if then
echo "never"
