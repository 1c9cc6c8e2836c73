FROM alpine
COPY *.go go.* /src/
