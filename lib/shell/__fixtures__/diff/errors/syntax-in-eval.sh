# A syntax error inside eval only fails eval.
eval 'if'
echo "eval status: $?"
eval 'echo )'
echo "eval status: $?"
echo continuing
