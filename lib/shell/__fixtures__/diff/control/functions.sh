# Functions: arguments, return values, output.
greet() {
  echo "hello, $1"
  return 3
}
greet world
echo "returned $?"
add() { echo $(($1 + $2)); }
sum=$(add 2 3)
echo "sum=$sum"
count() { echo $#; }
count a b c
count
noret() { false; }
noret
echo "implicit return: $?"
