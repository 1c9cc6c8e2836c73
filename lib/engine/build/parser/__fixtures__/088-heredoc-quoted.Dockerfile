FROM alpine
RUN <<"EOF"
echo $HOME
EOF
RUN <<'EOT'
echo $PATH
EOT
