FROM alpine
RUN --network=none echo offline
