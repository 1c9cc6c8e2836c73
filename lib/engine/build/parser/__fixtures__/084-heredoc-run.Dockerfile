FROM alpine
RUN <<EOF
echo hello
echo world
EOF
