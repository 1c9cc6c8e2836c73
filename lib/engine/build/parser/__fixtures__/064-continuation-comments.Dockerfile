FROM alpine
RUN apk add \
# a comment inside
    curl \
    # indented comment
    git
