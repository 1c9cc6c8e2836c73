# ${#x} counts characters.
s=hello
e=
echo "${#s} ${#e} ${#undefined_var}"
long="a b c d"
echo "${#long}"
set -- one two three
echo "${#} ${#1} ${#3}"
n=12345
echo "${#n}"
