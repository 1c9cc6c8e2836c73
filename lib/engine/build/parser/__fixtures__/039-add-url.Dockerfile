FROM alpine
ADD https://example.com/file.tar.gz /tmp/
