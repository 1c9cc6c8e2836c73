# exit in a function ends the whole script.
cleanup() { echo "cleaning"; exit 5; }
echo one
cleanup
echo never
