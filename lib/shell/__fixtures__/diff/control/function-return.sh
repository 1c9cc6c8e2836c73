# return ends a function early, with or without a status.
f() {
  echo before
  return
  echo never
}
f; echo "status $?"
g() { (exit 9); return; }
g; echo "return with no arg keeps last status: $?"
h() {
  for i in 1 2 3; do
    if [ $i = 2 ]; then return $i; fi
    echo "loop $i"
  done
}
h; echo "h returned $?"
