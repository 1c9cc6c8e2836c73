# Writing config files with here-documents, as Dockerfile RUN lines do.
port=8080
cat > app.conf <<EOF
[server]
port = $port
name = "demo"
EOF
cat app.conf
cat >> app.conf <<'EOF'
# literal $port
EOF
tail -1 app.conf
