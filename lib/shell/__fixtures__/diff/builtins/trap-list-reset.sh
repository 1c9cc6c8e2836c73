# trap with no arguments lists; trap - resets.
trap 'echo bye' EXIT
trap
trap - EXIT
trap
echo "no trap output after this"
