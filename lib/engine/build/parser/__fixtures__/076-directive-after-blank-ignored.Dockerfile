
# escape=`
FROM alpine
