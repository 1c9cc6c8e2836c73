# sed -i edits files as in Dockerfile RUN lines.
cat > nginx.conf <<'EOF'
worker_processes 1;
listen 80;
#gzip on;
EOF
sed -i 's/listen 80/listen 8080/' nginx.conf
sed -i 's/^#gzip/gzip/' nginx.conf
sed -i '/worker_processes/d' nginx.conf
cat nginx.conf
sed -i 's|;$|; # edited|' nginx.conf
cat nginx.conf
