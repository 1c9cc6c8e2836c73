FROM alpine
ONBUILD RUN <<EOF
echo child
EOF
