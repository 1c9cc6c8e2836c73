FROM alpine
RUN <<-EOF
	echo tabbed
	EOF
