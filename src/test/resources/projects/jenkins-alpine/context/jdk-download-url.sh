#!/bin/sh
# Skeleton of jenkinsci/docker's jdk-download-url.sh (prints the Temurin download URL); the image only copies it.
echo "https://api.adoptium.net/v3/binary/version/jdk-$1/$2/x64/jdk/hotspot/normal/eclipse"
