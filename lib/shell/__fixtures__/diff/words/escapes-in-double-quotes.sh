# Inside double quotes, backslash escapes only $ ` " \ and newline.
echo "\$ \` \" \\ \a \n \z"
echo "line\
continued"
v='$notexpanded'
echo "$v"
echo "\${v}"
