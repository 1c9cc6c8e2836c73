FROM alpine
USER nobody:nogroup
