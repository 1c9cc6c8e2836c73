FROM alpine
RUN cat <<EOF > /file
content
EOF
