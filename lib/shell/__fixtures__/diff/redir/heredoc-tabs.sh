# <<- strips leading tabs (not spaces) from lines and the delimiter.
if true; then
	cat <<-EOF
		indented with tabs
	    tab then spaces
	EOF
fi
cat <<-X
	a
	X
