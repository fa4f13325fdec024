#!/usr/bin/env bash
# Adds to a fuzz target's seed folder the inputs a long run grew (.cifuzz-corpus/, see scripts/fuzz.sh) that reach
# code its seeds do not: libFuzzer's -merge=1 with the seeds first, so every seed stays and a grown input is kept
# only when it reaches an edge the seeds and the inputs kept before it do not (-use_counters=0: how often an edge
# runs does not count, which keeps the set small). New seeds are named corpus-<sha1>; `./mvnw test` replays them
# with the others. (-set_cover_merge would keep fewer, but Jazzer's driver cannot start its child processes.)
#
#   scripts/fuzz-merge.sh TARGET        TARGET as for scripts/fuzz.sh, e.g. BuildLogFuzzTest#readLog
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: scripts/fuzz-merge.sh TARGET}
class=${target%%#*}
method=${target#*#}
source=$(find src/test/java -name "$class.java" | head -1)
package=$(dirname "${source#src/test/java/}")
fqcn=${package//\//.}.$class
seeds=src/test/resources/$package/${class}Inputs/$method
grown=$PWD/.cifuzz-corpus/$fqcn/$method
[ -d "$grown" ] || { echo "nothing grown for $target in $grown; run scripts/fuzz.sh $target first" >&2; exit 1; }

./mvnw -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz-classpath.txt
merged=$(mktemp -d)
trap 'rm -rf "$merged"' EXIT
cp "$seeds"/* "$merged"/
# the same coverage probes as scripts/fuzz.sh: the plugin's classes, not the harness
DOCKERCACHE_FUZZ_TARGET=$fqcn#$method java -XX:+UseParallelGC -Xms2g -Xmx2g \
  -cp "target/test-classes:target/classes:$(cat target/fuzz-classpath.txt)" com.code_intelligence.jazzer.Jazzer \
  --target_class=io.github.dockercache.fuzz.FuzzMergeTarget \
  --instrumentation_includes='io.github.dockercache.**' \
  --instrumentation_excludes='io.github.dockercache.fuzz.**:io.github.dockercache.registry.RegistryFuzzTest*' \
  -merge=1 -use_counters=0 -timeout=10 -rss_limit_mb=4096 "$merged" "$grown"
added=0
for input in "$merged"/*; do
  name=$(basename "$input")
  if [ ! -e "$seeds/$name" ] && ! cmp -s "$input" "$seeds/corpus-$name" 2>/dev/null; then
    cp "$input" "$seeds/corpus-$name"
    added=$((added + 1))
  fi
done
echo "$target: $added grown inputs added to $seeds"
