   FROM alpine
	RUN echo tab
