# if tests any command's status.
printf 'root\nuser\n' > users.txt
if grep -q root users.txt; then echo "has root"; fi
if grep -q nobody users.txt; then echo yes; else echo "no nobody"; fi
if cd /nonexistent 2>/dev/null; then echo moved; else echo "cd failed"; fi
if true && false; then echo both; else echo "not both"; fi
if { echo in-condition; true; }; then echo after; fi
