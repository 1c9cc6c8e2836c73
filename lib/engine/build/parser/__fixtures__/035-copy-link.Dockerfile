FROM alpine
COPY --link src/ /src/
