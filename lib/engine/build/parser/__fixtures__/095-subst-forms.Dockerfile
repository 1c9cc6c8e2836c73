FROM alpine
ARG V
ENV A=${V:-default} B=${V-unset} C=${V:+set} D=${V+set}
