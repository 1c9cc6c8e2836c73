FROM alpine
COPY --chown=1000:1000 --chmod=0755 run.sh /usr/local/bin/
