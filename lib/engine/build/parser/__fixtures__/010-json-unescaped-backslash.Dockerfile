FROM alpine
RUN ["echo", "C:\path"]
