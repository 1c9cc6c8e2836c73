# sed substitutions, deletes and prints.
printf 'one\ntwo\nthree\nfour\n' > n.txt
sed 's/o/0/' n.txt
sed 's/o/0/g' n.txt
sed -n '2p' n.txt
sed '1d' n.txt
sed -n '/t/p' n.txt
sed '2,3d' n.txt
sed -e 's/one/1/' -e 's/two/2/' n.txt
sed 's/\(t\)\(w\)/\2\1/' n.txt | head -2
sed -E 's/(e+)$/[\1]/' n.txt
