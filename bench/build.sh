#!/usr/bin/env bash
# Builds what the benchmarks run: the plugin's classes copied into bench/target/plugin.jar (so that rebuilding the
# project meanwhile does not change what is measured), its runtime classpath, and the harnesses.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
project="$(dirname "$here")"
work="$here/target"
mkdir -p "$work"
mvnw() {
    # offline first (a clone with a filled ~/.m2 needs no network), online when something is missing
    (cd "$project" && { ./mvnw -o -q -B "$@" 2>/dev/null || ./mvnw -q -B "$@"; })
}
mvnw -DskipTests compile
mvnw dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$work/classpath.txt"
jar cf "$work/plugin.jar" -C "$project/target/classes" .
javac -d "$work/classes" -cp "$work/plugin.jar:$(cat "$work/classpath.txt")" "$here"/*Bench.java
