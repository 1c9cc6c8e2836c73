FROM alpine
LABEL "com.example.vendor"="ACME Inc" "with space"=yes
