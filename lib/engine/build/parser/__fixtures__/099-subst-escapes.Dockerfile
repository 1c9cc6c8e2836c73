FROM alpine
ENV A=\$HOME B='$HOME' C="$HOME" D=\${X}
