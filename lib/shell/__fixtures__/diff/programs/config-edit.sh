# Editing key=value config with grep, sed and a loop.
cat > settings.conf <<'EOF'
# comment
host=localhost
port=5432
user=admin
EOF
grep -v '^#' settings.conf | while IFS='=' read -r k v; do
  echo "export $(echo "$k" | tr a-z A-Z)=$v"
done
sed -i 's/^port=.*/port=6543/' settings.conf
grep port settings.conf
grep -q '^debug=' settings.conf || echo "debug=false" >> settings.conf
tail -1 settings.conf
