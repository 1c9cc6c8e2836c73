# Splitting affects argument counts.
count() { echo $#; }
v="a b c"
count $v
count "$v"
count ${v}
count "${v}"
e=
count $e
count "$e"
count $e $e x
