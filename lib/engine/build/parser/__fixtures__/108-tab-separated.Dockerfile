FROM	alpine
RUN	echo	tabs
