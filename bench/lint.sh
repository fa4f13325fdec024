#!/usr/bin/env bash
# Measures dockercache:lint (Linter.lint) over directories of real Dockerfiles: a fresh JVM's first round, as one
# `mvn dockercache:lint` runs it, and later rounds in the same JVM. Results: bench/lint-results.md (see README.md).
#
#   bench/lint.sh [--rounds N] [--no-build] [PATH...]
#
# PATH defaults to the real-project corpora under src/test/resources.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
project="$(dirname "$here")"
rounds=10
build=true
paths=()
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --no-build) build=false; shift ;;
        *) paths+=("$1"); shift ;;
    esac
done
if [ ${#paths[@]} -eq 0 ]; then
    paths=(src/test/resources/dockerfile/corpus src/test/resources/advice/audit src/test/resources/projects
        src/test/resources/dockerfile/checks)
fi
work="$here/target"
mkdir -p "$work"
mvnw() {
    (cd "$project" && { ./mvnw -o -q -B "$@" 2>/dev/null || ./mvnw -q -B "$@"; })
}
if $build || [ ! -f "$work/lint-plugin.jar" ]; then
    mvnw -DskipTests compile
    mvnw dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$work/classpath.txt"
    jar cf "$work/lint-plugin.jar" -C "$project/target/classes" .
    javac -d "$work/lint-classes" -cp "$work/lint-plugin.jar:$(cat "$work/classpath.txt")" "$here/LintBench.java"
fi
classpath="$work/lint-classes:$work/lint-plugin.jar:$(cat "$work/classpath.txt")"
cd "$project"
# three fresh JVMs: the first round of each is what a single mvn dockercache:lint pays
for jvm in 1 2 3; do
    java -cp "$classpath" LintBench "$rounds" "${paths[@]}" | sed "s/^/$jvm\t/"
done | tee "$work/lint-raw.tsv"
