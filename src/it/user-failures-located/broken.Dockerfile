FROM busybox:1.36
FORM busybox:1.36
COPY app.txt /app/
