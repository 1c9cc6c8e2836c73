# grep over several files and -l, -r, -h.
mkdir -p conf/sub
echo "listen 80" > conf/a.conf
echo "listen 443" > conf/sub/b.conf
echo "nothing" > conf/c.conf
grep listen conf/a.conf conf/c.conf
grep -l listen conf/a.conf conf/c.conf conf/sub/b.conf
grep -r listen conf | sort
grep -h listen conf/a.conf conf/sub/b.conf
grep -rl 443 conf
