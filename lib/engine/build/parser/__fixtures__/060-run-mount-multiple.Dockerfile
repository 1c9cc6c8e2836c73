FROM alpine
RUN --mount=type=secret,id=token --mount=type=bind,source=.,target=/src cat /run/secrets/token
