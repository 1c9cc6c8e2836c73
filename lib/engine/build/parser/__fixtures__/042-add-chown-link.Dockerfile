FROM alpine
ADD --chown=app --link archive.tar /opt/
