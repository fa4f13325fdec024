FROM busybox:1.36
RUN true
COPY pom.xml /pom.xml
ARG PORT
EXPOSE ${PORT}
