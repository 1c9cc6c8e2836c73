ARG V=1
FROM alpine
ARG V
RUN echo $V
