FROM alpine
ENV PATH_WITH_SPACE=/opt/my\ app
