FROM alpine
LABEL org.opencontainers.image.title="demo" version=1.0
