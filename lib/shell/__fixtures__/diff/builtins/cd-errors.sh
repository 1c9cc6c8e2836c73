# cd to missing or non-directory targets.
cd /does/not/exist
echo "status: $?"
touch file
cd file
echo "status: $?"
cd ""
echo "empty: $?"
pwd | sed "s|$HOME|~|"
