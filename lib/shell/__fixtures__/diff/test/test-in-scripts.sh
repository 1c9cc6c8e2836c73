# Typical entrypoint checks.
CONFIG=app.conf
if [ ! -f "$CONFIG" ]; then
  echo "creating $CONFIG"
  echo "debug=false" > "$CONFIG"
fi
if [ -f "$CONFIG" ] && grep -q debug "$CONFIG"; then echo "config has debug"; fi
: "${WORKERS:=4}"
if [ "$WORKERS" -gt 2 ]; then echo "many workers: $WORKERS"; fi
[ -d logs ] || mkdir logs
[ -d logs ] && echo "logs ready"
