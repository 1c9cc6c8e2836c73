# dialects: bash
# bash brace expansion.
echo {a,b,c}
echo file{1,2}.txt
echo {1..5}
echo {a..e}
echo {5..1}
echo pre{x,y{1,2}}post
echo {1..10..3}
mkdir -p proj/{src,test}
ls proj
