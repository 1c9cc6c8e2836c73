FROM alpine
VOLUME /data /logs
