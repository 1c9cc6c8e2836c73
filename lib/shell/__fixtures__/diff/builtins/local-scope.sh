# local in nested calls and after return.
a=global
f() { local a=f; g; echo "f after g: $a"; }
g() { echo "g sees: $a"; a=changed-by-g; }
f
echo "global: $a"
h() { local a; echo "h local unset: [${a-unset}]"; }
h
