# seq ranges and steps.
seq 3
seq 2 5
seq 1 3 10
seq 5 -2 1
seq -s, 1 4
seq 0
