FROM alpine
ENV GREETING hello there world
