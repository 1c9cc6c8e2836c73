# find -exec with echo and rm.
mkdir -p logs
touch logs/a.log logs/b.log logs/keep.txt
find logs -name '*.log' -exec echo "found {}" \; | sort
find logs -name '*.log' -exec rm {} \;
ls logs
