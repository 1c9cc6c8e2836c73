# top
FROM alpine
  # indented comment
RUN echo "# not a comment"
# end
