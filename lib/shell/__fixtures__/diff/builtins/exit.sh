# exit with a status ends the script.
echo before
exit 3
echo never
