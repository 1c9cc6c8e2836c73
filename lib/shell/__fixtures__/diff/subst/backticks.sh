# Backquotes and their escaping.
a=`echo back`
echo "$a"
b=`echo \`echo nested\``
echo "$b"
c="`echo 'in quotes'`"
echo "$c"
d=`echo \$HOME | sed 's/.*/has-dollar/'`
echo "$d"
