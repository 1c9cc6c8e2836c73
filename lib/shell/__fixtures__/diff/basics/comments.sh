# A full-line comment
echo visible # a trailing comment
echo not#a#comment
echo '# quoted hash'
echo "# in double quotes"
x=5 # comment after assignment
echo "$x" #comment
   # indented comment
echo done
