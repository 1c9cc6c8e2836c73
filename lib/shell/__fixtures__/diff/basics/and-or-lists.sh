# && and || short-circuit left to right with equal precedence.
true && echo "and ran"
false && echo "never"
false || echo "or ran"
true || echo "never"
false && echo a || echo b
true && false || echo c
true || false && echo d
false || false || echo e
echo "last: $?"
