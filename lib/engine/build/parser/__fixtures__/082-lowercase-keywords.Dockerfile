from alpine
run echo a
cmd ["b"]
env x=1
copy a b
