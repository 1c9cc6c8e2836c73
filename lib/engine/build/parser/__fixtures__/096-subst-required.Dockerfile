FROM alpine
ARG V=x
WORKDIR /${V:?must be set}/${V?unset}
