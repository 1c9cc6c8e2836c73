# A quoted delimiter turns off expansion.
name=world
cat <<'EOF'
hello $name
$(echo not run) `also not` \n
EOF
cat <<"END"
double-quoted delimiter: $name
END
cat <<\STOP
backslash delimiter: $name
STOP
