# A typical docker-entrypoint.sh.
set -e
: "${APP_ENV:=production}"
: "${APP_PORT:=3000}"
render_config() {
  cat <<EOF
env=$APP_ENV
port=$APP_PORT
EOF
}
render_config > app.ini
echo "Starting in $APP_ENV mode on port $APP_PORT"
if [ "$1" = "" ]; then
  set -- node server.js
fi
echo "would exec: $*"
grep -c = app.ini
