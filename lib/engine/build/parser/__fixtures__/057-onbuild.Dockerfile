FROM alpine
ONBUILD COPY . /app/src
ONBUILD RUN make -C /app/src
