FROM alpine
ARG P=/a/b/c
ENV ONE=${P/\//_} ALL=${P//\//_}
