# awk field printing, sums, conditions.
cat > data.txt <<'EOF'
alice 30 paris
bob 25 london
carol 41 paris
EOF
awk '{print $1}' data.txt
awk '{sum += $2} END {print "total", sum}' data.txt
awk '$3 == "paris" {print $1, $2}' data.txt
awk -F: '{print $1}' /etc/passwd | grep -c root
awk 'NR == 2' data.txt
awk '{print NR": "$0}' data.txt | tail -1
awk 'BEGIN {printf "%5.2f\n", 3.14159}'
echo "a,b,c" | awk -F, '{print $2, NF}'
