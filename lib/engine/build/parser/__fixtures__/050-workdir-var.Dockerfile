FROM alpine
ENV DIR=/srv
WORKDIR ${DIR}/app
