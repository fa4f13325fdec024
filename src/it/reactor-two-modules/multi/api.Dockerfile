FROM busybox:1.36 AS api
WORKDIR /api
COPY api.txt .
