FROM alpine
RUN --network=host -- --not-a-flag
