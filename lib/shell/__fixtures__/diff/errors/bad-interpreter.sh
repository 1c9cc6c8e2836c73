# A #! naming a missing interpreter.
printf '#!/nonexistent/interp\necho hi\n' > bad.sh
chmod +x bad.sh
./bad.sh
echo "status: $?"
