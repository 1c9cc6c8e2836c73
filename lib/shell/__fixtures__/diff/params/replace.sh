# dialects: bash
# bash ${x/p/r}, ${x//p/r}, anchored forms.
s="hello world hello"
echo "${s/hello/bye}"
echo "${s//hello/bye}"
echo "${s/#hello/start}"
echo "${s/%hello/end}"
echo "${s/o}"
echo "${s//o}"
echo "${s//[eo]/_}"
p=/usr/local/bin
echo "${p//\//:}"
