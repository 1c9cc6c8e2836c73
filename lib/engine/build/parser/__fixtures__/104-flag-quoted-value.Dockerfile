FROM alpine
COPY --chown="app:app" a /a
