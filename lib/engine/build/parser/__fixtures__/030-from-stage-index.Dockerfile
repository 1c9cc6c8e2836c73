FROM alpine
RUN touch /a
FROM alpine
COPY --from=0 /a /b
