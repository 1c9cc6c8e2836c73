FROM alpine
ENV EMPTY= Q=""
