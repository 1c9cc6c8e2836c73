FROM alpine
ARG MSG="hello world"
ARG E=
