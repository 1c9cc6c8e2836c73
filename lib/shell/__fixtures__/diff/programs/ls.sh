# ls listing of files the script created.
mkdir -p dir sub/deeper
touch b.txt a.txt .hidden dir/inner
ls
ls -1
ls -a
ls -A
ls dir
ls -d dir
ls -R sub
ls *.txt
ls -1 | wc -l
