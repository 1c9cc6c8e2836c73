FROM alpine
COPY --exclude=*.md --exclude=tmp/ . /app/
