FROM golang:1.22 AS build
RUN go version
FROM alpine
COPY --from=build /go/bin /usr/local/bin
