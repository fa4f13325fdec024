#!/usr/bin/env bash
# Fuzzes one Jazzer @FuzzTest target for a while (a plain `./mvnw test` only replays the seeds).
#
#   scripts/fuzz.sh TARGET [SECONDS] [extra libFuzzer flags...]
#
# TARGET is one of
#   DockerfileFuzzTest#parseAndDump          the Dockerfile parser and build checks
#   ShellLexerFuzzTest#expandWord            variable expansion
#   DockerignoreFuzzTest#readAndMatch        .dockerignore reading and matching
#   SnapshotFuzzTest#readAndCompare          a baseline read, compared with, and recorded over
#   StatCacheFuzzTest#scanWithCache          a context scanned through a hostile stat cache
#   BuildLogFuzzTest#readLog                 build logs read for step costs
#   RegistryFuzzTest#resolveAndReadConfig    registry answers: challenges, tokens, manifests, indexes, configs
#   CacheModelFuzzTest#analyseContext        a Dockerfile with a context, analysed end to end
# SECONDS defaults to 3600; 0 runs until a libFuzzer flag such as -runs=10000000 stops it.
# A crashing or slow input is written into the target's seed folder under src/test/resources/, where it
# becomes a regression test; the corpus the fuzzer grows stays in .cifuzz-corpus/ (not committed).
#
# Throughput settings; together they doubled the executions per CPU-second of the Dockerfile target against a
# plain `JAZZER_FUZZ=1 ./mvnw test` run (README, "Fuzzing"; each one's share was not measured apart):
#   - only the plugin's own classes carry coverage probes, not the fuzz harness that splits inputs into fields;
#   - inputs up to 1 KiB (-max_len) for the text parsers, which are line-based, so longer inputs add time
#     rather than paths; 4 KiB where one input holds several files (build logs with JSON lines, registry
#     exchanges, a Dockerfile with its context), enough for their seeds; the snapshot reader keeps the size of
#     its seeds, since a cut snapshot is only bad JSON;
#   - a fixed 2 GiB heap with the parallel collector instead of a G1 heap growing to a quarter of the machine,
#     with libFuzzer's RSS limit above it;
#   - -timeout=10: an input slower than 10 s is a finding too.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS] [libFuzzer flags...]}
seconds=${2:-3600}
shift $(( $# >= 2 ? 2 : 1 ))

flags=(fuzz "-max_total_time=$seconds" -timeout=10 -rss_limit_mb=4096)
case $target in
  SnapshotFuzzTest*) ;;
  BuildLogFuzzTest* | RegistryFuzzTest* | CacheModelFuzzTest*) flags+=(-max_len=4096) ;;
  *) flags+=(-max_len=1024) ;;
esac
flags+=("$@")
properties=()
for i in "${!flags[@]}"; do
  properties+=("-Djazzer.internal.arg.$i=${flags[$i]}")
done

JAZZER_FUZZ=1 exec ./mvnw -B test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
  "-Djazzer.instrumentation_excludes=io.github.dockercache.fuzz.**:io.github.dockercache.registry.RegistryFuzzTest*" \
  "-DargLine=-XX:+UseParallelGC -Xms2g -Xmx2g" \
  "${properties[@]}"
