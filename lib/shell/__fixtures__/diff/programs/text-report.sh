# A small report pipeline.
cat > access.log <<'EOF'
GET /index.html 200
GET /about.html 200
POST /login 302
GET /missing 404
GET /index.html 200
GET /missing 404
EOF
echo "requests: $(wc -l < access.log)"
echo "by status:"
awk '{print $3}' access.log | sort | uniq -c | sort -rn
echo "top page: $(awk '{print $2}' access.log | sort | uniq -c | sort -rn | head -1 | awk '{print $2}')"
grep -c ' 404$' access.log
