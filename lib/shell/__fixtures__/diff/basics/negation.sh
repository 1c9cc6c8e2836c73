# ! applies to a whole pipeline.
if ! grep -q missing /dev/null; then echo "not found"; fi
! echo x | grep -q y
echo "status: $?"
! false && echo "negated false is true"
if ! [ -e nothing ]; then echo "no file"; fi
