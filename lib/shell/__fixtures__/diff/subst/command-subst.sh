# $(...) captures stdout and strips trailing newlines.
x=$(echo hello)
echo "[$x]"
y=$(printf 'a\nb\n\n\n')
echo "[$y]"
z=$(true)
echo "[$z]"
echo "files: $(touch f1 f2; ls f* | wc -l)"
n=$(echo "  spaced  ")
echo "[$n]"
