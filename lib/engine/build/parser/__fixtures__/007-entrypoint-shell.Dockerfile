FROM alpine
ENTRYPOINT exec /bin/app --serve
