#!/bin/sh
# Skeleton of jenkinsci/docker's jdk-download.sh, which downloads Temurin $JAVA_VERSION for the OS it is given and
# unpacks it into /opt/jdk-$JAVA_VERSION: the same effect, offline, with the corpus's stand-in curl.
set -e
mkdir -p "/opt/jdk-${JAVA_VERSION}/bin"
curl -fsSL "https://api.adoptium.net/v3/binary/version/jdk-${JAVA_VERSION}/$1/x64/jdk/hotspot/normal/eclipse" \
  -o "/opt/jdk-${JAVA_VERSION}/release"
