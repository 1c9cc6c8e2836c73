FROM alpine
COPY a.txt /app/
