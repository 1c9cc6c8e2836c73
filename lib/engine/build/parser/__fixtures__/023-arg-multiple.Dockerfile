FROM alpine
ARG A=1 B C="three"
