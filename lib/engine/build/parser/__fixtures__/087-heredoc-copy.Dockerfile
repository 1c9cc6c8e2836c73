FROM alpine
COPY <<EOF /etc/app.conf
key=value
EOF
