# escape=`
FROM alpine
ENV A=a` b
RUN echo `
  continued
