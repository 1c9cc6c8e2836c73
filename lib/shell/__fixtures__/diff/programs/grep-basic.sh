# grep in scripts: -i -v -c -n -q -E -o -w.
cat > log.txt <<'EOF'
INFO starting
WARN disk low
ERROR failed to bind
info lowercase
ERROR again
EOF
grep ERROR log.txt
grep -i info log.txt
grep -v -e INFO -e info log.txt
grep -c ERROR log.txt
grep -n WARN log.txt
grep -q missing log.txt || echo "no match, status $?"
grep -E 'WARN|ERROR' log.txt | wc -l
grep -o 'ERR[A-Z]*' log.txt
grep -w disk log.txt
