FROM alpine
ENV A=1 B="two words" C='single'
