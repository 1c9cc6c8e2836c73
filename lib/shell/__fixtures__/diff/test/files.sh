# test file operators on files the script made.
mkdir dir
touch empty
echo data > full
ln -s full link
chmod 755 full
chmod 644 empty
[ -e full ] && echo "-e exists"
[ -f full ] && echo "-f regular"
[ -d dir ] && echo "-d directory"
[ -f dir ] || echo "dir is not -f"
[ -s full ] && echo "-s nonempty"
[ -s empty ] || echo "empty is not -s"
[ -L link ] && echo "-L symlink"
[ -h link ] && echo "-h symlink"
[ -r full ] && echo "-r readable"
[ -w full ] && echo "-w writable"
[ -x full ] && echo "-x executable"
[ -x empty ] || echo "empty not -x"
[ -e missing ] || echo "missing does not exist"
[ full -nt missing ] && echo "-nt vs missing"
[ full -ef link ] && echo "-ef same file"
