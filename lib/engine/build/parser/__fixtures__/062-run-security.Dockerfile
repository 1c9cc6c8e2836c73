FROM alpine
RUN --security=insecure echo hi
