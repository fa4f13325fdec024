FROM dockercache-busybox:latest AS build
WORKDIR /src
COPY input.txt .
RUN sleep 1 && wc -c input.txt > size.txt
ARG RUN_ID
RUN echo "run $RUN_ID" && sleep 2 && cat size.txt > report.txt

FROM dockercache-busybox:latest
ARG RUN_ID
RUN echo "side $RUN_ID" && sleep 1 && echo "side done"
COPY --from=build /src/report.txt /report.txt
RUN cat /report.txt
