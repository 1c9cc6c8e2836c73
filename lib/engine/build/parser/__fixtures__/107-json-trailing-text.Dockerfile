FROM alpine
CMD ["echo", "a"] trailing
