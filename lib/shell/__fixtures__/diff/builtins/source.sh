# . runs a file in the current shell.
cat > lib.sh <<'EOF'
greeting="hello from lib"
libfunc() { echo "libfunc: $1"; }
EOF
. ./lib.sh
echo "$greeting"
libfunc arg
cat > ret.sh <<'EOF'
echo "in ret.sh"
return 4
echo never
EOF
. ./ret.sh
echo "status: $?"
