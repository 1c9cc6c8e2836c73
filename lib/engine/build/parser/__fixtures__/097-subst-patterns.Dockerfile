FROM alpine
ARG F=archive.tar.gz
ENV BASE=${F%%.*} EXT=${F#*.} LAST=${F##*.} NOEXT=${F%.*}
