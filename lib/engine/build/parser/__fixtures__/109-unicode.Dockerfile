FROM alpine
LABEL description="café ☕ 日本"
RUN echo "héllo"
