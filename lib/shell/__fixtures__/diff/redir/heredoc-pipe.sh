# A here-document feeding a pipeline.
cat <<EOF | sort | tr a-z A-Z
pear
apple
fig
EOF
wc -l <<EOF
1
2
3
EOF
