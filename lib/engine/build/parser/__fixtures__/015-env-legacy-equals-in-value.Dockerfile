FROM alpine
ENV ONE TWO= THREE=world
