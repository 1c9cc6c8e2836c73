# ${x#p} and ${x##p} remove the shortest / longest matching prefix.
path=/usr/local/bin/tool.tar.gz
echo "${path#*/}"
echo "${path##*/}"
echo "${path#/usr}"
echo "${path#nomatch}"
v=aaa-bbb-ccc
echo "${v#*-} ${v##*-}"
echo "${v#a} ${v##a}"
echo "${v#"aaa"}"
p='*'
x='*star'
echo "${x#"$p"} ${x#$p}"
