FROM alpine
VOLUME ["/data", "/var/lib/app"]
