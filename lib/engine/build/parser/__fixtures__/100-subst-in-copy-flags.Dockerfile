ARG UID=1000
FROM alpine
ARG UID
COPY --chown=${UID}:${UID} a /a
