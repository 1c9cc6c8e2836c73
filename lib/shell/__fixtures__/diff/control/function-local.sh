# local variables shadow globals for the function and its callees.
x=global
inner() { echo "inner sees $x"; }
outer() {
  local x=local
  echo "outer sees $x"
  inner
}
outer
echo "after: $x"
counter() { local n; n=$((n + 1)); echo "n=$n"; }
counter; counter
f() { local a=1 b; b=2; echo "$a$b"; }
f
echo "a=[${a-unset}] b=[${b-unset}]"
