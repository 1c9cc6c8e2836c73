# dialects: bash
# bash's function keyword.
function hello {
  echo "hello from $FUNCNAME"
}
function world() { echo "world"; }
hello
world
