FROM alpine
LABEL maintainer someone@example.com
