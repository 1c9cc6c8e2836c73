FROM alpine
COPY --parents ./a/b/*.txt /out/
