FROM alpine
COPY ["my file.txt", "/app/my file.txt"]
