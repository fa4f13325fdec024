#!/usr/bin/env bash
# The reactor target of issue #17: N modules (default 20), each with an image whose context is one shared directory
# (the generated benchmark context), checked by `mvn package` in one Maven run. Prints what a module costs on top of
# the first, cold (no stat caches, as in ephemeral CI) and warm, against one module checked alone. See bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
project="$(dirname "$here")"
modules=20
scale=0.1
runs=3
install=true
usage() {
    echo "usage: bench/reactor.sh [--modules N] [--scale F] [--runs N] [--no-install]" >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case "$1" in
        --modules) modules="$2"; shift 2 ;;
        --scale) scale="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --no-install) install=false; shift ;;
        *) usage ;;
    esac
done
[ "$modules" -ge 2 ] || usage

version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$project/pom.xml" | head -1)"
if $install; then
    # offline first (a clone with a filled ~/.m2 needs no network), online when something is missing
    (cd "$project" && { ./mvnw -o -q -B install -DskipTests -Dinvoker.skip 2>/dev/null \
        || ./mvnw -q -B install -DskipTests -Dinvoker.skip; })
fi

context="${TMPDIR:-/tmp}/dockercache-bench-context"
[ "$scale" = 1 ] || context="$context-$scale"
"$here/generate-context.sh" "$context" --scale "$scale" --seed 42

work="$here/target/reactor"
rm -rf "$work"
mkdir -p "$work"
names=()
for i in $(seq -w 1 "$modules"); do
    names+=("m$i")
done
{
    cat <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench.reactor</groupId>
  <artifactId>parent</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <modules>
EOF
    for name in "${names[@]}"; do
        echo "    <module>$name</module>"
    done
    cat <<EOF
  </modules>
  <!-- the parent has no Dockerfile: check passes it over with one line -->
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.dockercache</groupId>
        <artifactId>dockercache-maven-plugin</artifactId>
        <version>$version</version>
        <configuration>
          <context>$context</context>
          <dockerfile>\${project.basedir}/Dockerfile</dockerfile>
        </configuration>
        <executions><execution><goals><goal>check</goal></goals><phase>package</phase></execution></executions>
      </plugin>
    </plugins>
  </build>
</project>
EOF
} > "$work/pom.xml"
for name in "${names[@]}"; do
    mkdir -p "$work/$name"
    cat > "$work/$name/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>bench.reactor</groupId><artifactId>parent</artifactId><version>1</version></parent>
  <artifactId>$name</artifactId>
  <packaging>pom</packaging>
</project>
EOF
    printf 'FROM scratch\nCOPY . /src\nCOPY modules/core /core-%s\n' "$name" > "$work/$name/Dockerfile"
done

raw="$work/raw.tsv"
: > "$raw"
load() { cut -d' ' -f1 /proc/loadavg; }
now() { date +%s.%N; }
# mvn_timed NAME ROUND MAVEN-ARGS...: the wall time of one Maven run, which must succeed
mvn_timed() {
    local name="$1" round="$2" start; shift 2
    start="$(now)"
    if ! (cd "$work" && "$project/mvnw" -o -q -B "$@" > "$work/mvn.log" 2>&1); then
        cat "$work/mvn.log" >&2
        exit 1
    fi
    printf '%s\t%s\t%s\t%s\n' "$name" "$round" "$(echo "$(now) - $start" | bc)" "$(load)" >> "$raw"
}
forget() { rm -rf "$work"/m*/target "$work/target"; }
first="${names[0]}"
for round in $(seq 1 "$runs"); do
    echo "round $round/$runs (load $(load))"
    forget
    mvn_timed one.cold "$round" package -pl "$first"
    mvn_timed one.warm "$round" package -pl "$first"
    forget
    mvn_timed all.cold "$round" package
    mvn_timed all.warm "$round" package
done

median() { awk -F'\t' -v n="$1" '$1 == n { print $3 }' "$raw" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
loads() { awk -F'\t' -v n="$1" '$1 == n { printf "%s%s", sep, $4; sep = ", " }' "$raw"; }
one_cold="$(median one.cold)"
one_warm="$(median one.warm)"
all_cold="$(median all.cold)"
all_warm="$(median all.warm)"
per_cold="$(echo "($all_cold - $one_cold) / ($modules - 1)" | bc -l)"
per_warm="$(echo "($all_warm - $one_warm) / ($modules - 1)" | bc -l)"
files="$(find "$context" -type f | wc -l)"
{
    echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC by \`bench/reactor.sh --modules $modules --scale $scale --runs $runs\`" \
        "on commit \`$(git -C "$project" rev-parse --short HEAD 2>/dev/null || echo unknown)\`; $files files in the shared" \
        "context; $(nproc) cores; medians of $runs rounds; wall times of \`mvn -o -q package\` (Maven's start included)."
    echo
    echo "| | one module alone (s) | all $modules modules (s) | each module after the first (s) | load average at each round |"
    echo "|---|---|---|---|---|"
    printf '| cold: no stat cache | %.3f | %.3f | %.3f | %s; %s |\n' "$one_cold" "$all_cold" "$per_cold" \
        "$(loads one.cold)" "$(loads all.cold)"
    printf '| warm: stat caches kept | %.3f | %.3f | %.3f | %s; %s |\n' "$one_warm" "$all_warm" "$per_warm" \
        "$(loads one.warm)" "$(loads all.warm)"
    echo
    echo "Raw values: $raw."
} | tee "$work/reactor.md"
