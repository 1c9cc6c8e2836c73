FROM alpine
COPY <<FILE1 <<FILE2 /dest/
one
FILE1
two
FILE2
