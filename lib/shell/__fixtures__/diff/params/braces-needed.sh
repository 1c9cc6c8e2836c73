# ${10}, adjacent text, and $ without a name.
set -- a b c d e f g h i j k
echo "$10 ${10} ${11}"
x=pre
echo "${x}fix $xfix."
echo "cost: $ 5" 'and $'
echo "$"
