# Backslash-newline joins lines, also inside double quotes but not single quotes.
echo one \
  two \
  three
echo "abc\
def"
echo 'keep\
this'
ec\
ho joined
x=1\
2
echo "$x"
