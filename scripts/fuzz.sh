#!/usr/bin/env bash
# Fuzzes one Jazzer @FuzzTest target for a while (a plain `./mvnw test` only replays the seeds).
#
#   scripts/fuzz.sh TARGET [SECONDS] [extra libFuzzer flags...]
#
# TARGET is one of DockerfileFuzzTest#parseAndDump, ShellLexerFuzzTest#expandWord,
# DockerignoreFuzzTest#readAndMatch, SnapshotFuzzTest#readAndCompare; SECONDS defaults to 3600.
# A crashing or slow input is written into the target's seed folder under src/test/resources/.../fuzz/,
# where it becomes a regression test; the corpus the fuzzer grows stays in .cifuzz-corpus/ (not committed).
#
# Throughput settings, measured on this project (see README "Fuzzing"):
#   - only the plugin's own classes carry coverage probes; the fuzz harness classes do not, so that
#     splitting an input into fields is not mistaken for progress;
#   - inputs up to 1 KiB (-max_len) for the text parsers, which are line-based, so longer inputs add time,
#     not paths; the snapshot reader keeps the size of its seeds, since a cut snapshot is only invalid JSON;
#   - a fixed 2 GiB heap with the parallel collector, and libFuzzer's RSS limit above it: the default
#     heap grows towards a quarter of the machine and the G1 pauses grow with it;
#   - -timeout=10: an input slower than 10 s is a finding too.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS] [libFuzzer flags...]}
seconds=${2:-3600}
shift $(( $# >= 2 ? 2 : 1 ))

flags=(fuzz "-max_total_time=$seconds" -timeout=10 -rss_limit_mb=4096)
[[ $target == SnapshotFuzzTest* ]] || flags+=(-max_len=1024)
flags+=("$@")
properties=()
for i in "${!flags[@]}"; do
  properties+=("-Djazzer.internal.arg.$i=${flags[$i]}")
done

JAZZER_FUZZ=1 exec ./mvnw -B test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
  "-Djazzer.instrumentation_excludes=io.github.dockercache.fuzz.**" \
  "-DargLine=-XX:+UseParallelGC -Xms2g -Xmx2g" \
  "${properties[@]}"
