# Failures in conditions, && lists and ! do not trigger set -e.
set -e
if false; then echo no; fi
false || echo "or-list ok"
false && echo no
! true
while false; do :; done
f() { false; echo "in function after false"; }
f || true
echo "survived"
sh -c 'exit 3' || echo "caught 3"
(false)
echo never
