# BusyBox ash supports ${x/p/r} and ${x//p/r} too.
s="hello world hello"
echo "${s/hello/bye}"
echo "${s//hello/bye}"
echo "${s//o/0}"
p=a-b-c
echo "${p//-/_}"
