FROM alpine
ONBUILD CMD ["echo", "child"]
