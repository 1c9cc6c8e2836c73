FROM alpine
RUN cat 3<<EOF
fd three
EOF
