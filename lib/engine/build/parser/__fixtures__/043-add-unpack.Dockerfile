FROM alpine
ADD --unpack=false app.tar.gz /opt/
