#!/usr/bin/env bash
# Prints every ratio of issue #17, measured in one run on one generated context, medians of N rounds:
# the plugin against BuildKit (when an engine of scripts/engine.sh is up), against the lstat floor and
# sha256sum, a warm JVM against a cold one, memory, and the baseline's size and read time. See bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
project="$(dirname "$here")"
runs=3
scale=1
build=true
buildkit=true
reactor_scale=0.1
usage() {
    echo "usage: bench/ratios.sh [--runs N] [--scale F] [--no-build] [--no-buildkit] [--reactor-scale F | --no-reactor]" >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --scale) scale="$2"; shift 2 ;;
        --no-build) build=false; shift ;;
        --no-buildkit) buildkit=false; shift ;;
        --reactor-scale) reactor_scale="$2"; shift 2 ;;
        --no-reactor) reactor_scale=; shift ;;
        *) usage ;;
    esac
done
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }

work="$here/target/ratios"
mkdir -p "$work"
if $build || [ ! -f "$here/target/plugin.jar" ]; then
    "$here/build.sh"
fi
classpath="$here/target/classes:$here/target/plugin.jar:$(cat "$here/target/classpath.txt")"

context="${TMPDIR:-/tmp}/dockercache-bench-context"
[ "$scale" = 1 ] || context="$context-$scale"
"$here/generate-context.sh" "$context" --scale "$scale" --seed 42
edited="$context/modules/core/src/main/java/com/example/core/Main.java"
cp -p "$edited" "$work/edited.orig"
restore_edited() { cp -p "$work/edited.orig" "$edited"; }
cleanup() {
    restore_edited
    # its layers are large: leaving them would slow the next prune of the tests that share the engine
    if $buildkit; then "${docker_cli[@]}" image rm -f dockercache-bench-ratios > /dev/null 2>&1 || true; fi
}
trap cleanup EXIT

raw="$work/raw.tsv"
: > "$raw"
stat_cache="$work/statcache"
load() { cut -d' ' -f1 /proc/loadavg; }
now() { date +%s.%N; }
# record NAME ROUND VALUE: one measurement, with the load average when it was taken
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(load)" >> "$raw"; }
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# ---- the plugin: BaselineBench check is what a check costs besides Maven's own start ----
plugin() { # CASE ROUND [JVM options...]
    local case="$1" round="$2"; shift 2
    local start line
    start="$(now)"
    line="$(/usr/bin/time -f '%M' -o "$work/rss.txt" java "$@" -cp "$classpath" BaselineBench check "$context" \
        "$stat_cache" "$work/baseline/baseline.json" "$work/snapshot.json")"
    record "$case.process_s" "$round" "$(echo "$(now) - $start" | bc)"
    record "$case.own_s" "$round" "$(echo "$(field "$line" total_ms) / 1000" | bc -l)"
    record "$case.own_cpu_s" "$round" "$(echo "$(field "$line" total_cpu_ms) / 1000" | bc -l)"
    record "$case.rss_mib" "$round" "$(( $(cat "$work/rss.txt") / 1024 ))"
    echo "  $case: $line"
}
timed() { # NAME ROUND COMMAND...
    local name="$1" round="$2" start; shift 2
    start="$(now)"
    "$@" > /dev/null
    record "$name" "$round" "$(echo "$(now) - $start" | bc)"
}

# ---- BuildKit, when the project's engine is up: the same context, a Dockerfile that only copies it ----
engine="${DOCKERCACHE_ENGINE:-28}"
docker_cli=(env DOCKER_CONFIG="/tmp/dockercache-engine-$engine/config" DOCKER_BUILDKIT=1
    "/opt/dockercache-engine-$engine/usr/bin/docker" -H "unix:///tmp/dockercache-engine-$engine/docker.sock")
if $buildkit && ! timeout 20 "${docker_cli[@]}" version > /dev/null 2>&1; then
    buildkit=false
    buildkit_note="SKIPPED: no engine answers on /tmp/dockercache-engine-$engine/docker.sock (start one with scripts/engine.sh start)"
fi
dockerfile="$work/Dockerfile.buildkit"
printf 'FROM dockercache-busybox:latest\nCOPY . /src\n' > "$dockerfile"
# seconds BuildKit spent in "load build context" (client walk, metadata stream, changed files sent)
context_load() { # DIR
    "${docker_cli[@]}" build --progress=plain -t dockercache-bench-ratios -f "$dockerfile" "$1" 2>&1 | awk '
        /\[internal\] load build context/ && !id {id = $1}
        id && $1 == id && $2 == "DONE" {sub(/s$/, "", $3); print $3; exit}'
}

echo "baseline of $context"
line="$(java -Xmx256m -cp "$classpath" BaselineBench write "$context" "$stat_cache" "$work/baseline")"
echo "  $line"
record baseline.bytes 0 "$(field "$line" v2_bytes)"
record baseline.v1_bytes 0 "$(field "$line" v1_bytes)"
record baseline.files 0 "$(field "$line" files)"
if $buildkit; then
    echo "BuildKit: first build (not measured)"
    context_load "$context" > /dev/null
fi

for round in $(seq 1 "$runs"); do
    echo "round $round/$runs (load $(load))"
    timed floor.lstat_s "$round" find "$context" -printf '%i %m %U %G %s %C@ %y\n'
    timed sha256sum_s "$round" bash -c 'find "$1" -type f -print0 | xargs -0 -P2 sha256sum' _ "$context"
    rm -f "$stat_cache"
    plugin cold "$round" -Xmx256m
    plugin warm "$round" -Xmx256m
    plugin warm-default-heap "$round"
    plugin warm-jvm "$round" -Xmx256m -Dbench.repeat=10
    printf '// edit %s\n' "$round" >> "$edited"
    plugin edited "$round" -Xmx256m
    if $buildkit; then
        record buildkit.edited_load_s "$round" "$(context_load "$context")"
    fi
    restore_edited
    plugin warm-again "$round" -Xmx256m
    read_line="$(java -Xmx256m -cp "$classpath" BaselineBench read "$work/baseline/baseline.json")"
    record baseline.read_s "$round" "$(echo "$(field "$read_line" read_ms) / 1000" | bc -l)"
    record baseline.read_cpu_s "$round" "$(echo "$(field "$read_line" read_cpu_ms) / 1000" | bc -l)"
    record baseline.decode_s "$round" "$(echo "$(field "$read_line" decode_ms) / 1000" | bc -l)"
    record baseline.decode_cpu_s "$round" "$(echo "$(field "$read_line" decode_cpu_ms) / 1000" | bc -l)"
    if $buildkit; then
        timed buildkit.warm_build_s "$round" "${docker_cli[@]}" build -q -t dockercache-bench-ratios -f "$dockerfile" "$context"
        # a new directory (hard links: the same files) has no earlier transfer to build on, as in ephemeral CI; a new
        # name every time, since the docker client keys the earlier transfer by the directory's path
        fresh="$work/fresh-context-$(date +%s%N)"
        cp -al "$context" "$fresh"
        record buildkit.fresh_load_s "$round" "$(context_load "$fresh")"
        rm -rf "$fresh"
    fi
done

median() { # NAME: median of its values
    awk -F'\t' -v n="$1" '$1 == n {print $3}' "$raw" | sort -g | awk '{v[NR] = $1}
        END {if (NR == 0) print "nan"; else printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
loads() { # NAME: the load averages its values were measured at
    awk -F'\t' -v n="$1" '$1 == n {printf "%s%s", sep, $4; sep = ", "}' "$raw"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "nan" || b == "nan") print "–"; else printf "%.2f", a / b}'; }
row() { # LABEL TARGET NUMERATOR DENOMINATOR
    echo "| $1 | $2 | $(ratio "$(median "$3")" "$(median "$4")") | $(median "$3") / $(median "$4") | $(loads "$3") |"
}
{
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`bench/ratios.sh --runs $runs --scale $scale\` on commit" \
        "\`$(cd "$project" && git rev-parse --short HEAD)\`; $(median baseline.files | cut -d. -f1) entries sent;" \
        "$(nproc) cores; medians of $runs rounds."
    echo
    echo "| ratio | target | value | medians (s) | load average at each round |"
    echo "|---|---|---|---|---|"
    if $buildkit; then
        row "BuildKit fully cached build / plugin, nothing changed" "≥ 1" buildkit.warm_build_s warm-again.process_s
        row "BuildKit context load after the edit / plugin, one file edited" "≥ 1" buildkit.edited_load_s edited.process_s
        row "BuildKit context transfer, new directory / plugin, no stat cache" "≥ 3" buildkit.fresh_load_s cold.process_s
    else
        echo "| BuildKit ratios | | ${buildkit_note:-SKIPPED: --no-buildkit} | | |"
    fi
    row "plugin's own time, warm / lstat floor (find)" "≤ 2" warm-again.own_s floor.lstat_s
    row "plugin, one file edited / warm" "≈ 1" edited.process_s warm-again.process_s
    row "plugin, no stat cache (page cache warm) / find \| xargs -0 -P2 sha256sum" "≤ 1.3" cold.process_s sha256sum_s
    row "plugin's own time: cold / warm in a kept JVM (10th run)" "≥ 20" cold.own_s warm-jvm.own_s
    row "peak RSS, default heap / -Xmx256m (MiB)" "≤ 2" warm-default-heap.rss_mib warm.rss_mib
    echo "| baseline size (bytes), version 2 / version 1 | ≤ 2 MB | $(ratio "$(median baseline.bytes)" "$(median baseline.v1_bytes)") | $(median baseline.bytes | cut -d. -f1) / $(median baseline.v1_bytes | cut -d. -f1) | |"
    echo "| baseline read for a check in a fresh JVM, wall / CPU (s) | ≤ 0.1 | | $(median baseline.read_s) / $(median baseline.read_cpu_s) | $(loads baseline.read_s) |"
    echo "| its file table decoded, when a step missed, wall / CPU (s) | | | $(median baseline.decode_s) / $(median baseline.decode_cpu_s) | $(loads baseline.decode_s) |"
    echo
    echo "Plugin times are \`BaselineBench check\` in a fresh JVM (no Maven): snapshot with the stat cache, baseline"
    echo "read, comparison with explanations, snapshot written; \"process\" includes the JVM's start, \"own\" does not."
    echo "Raw values: $raw."
} | tee "$work/ratios.md"

# ---- a reactor of 20 modules sharing one context: what each module costs on top of the first ----
if [ -n "$reactor_scale" ]; then
    echo
    if $build; then
        "$here/reactor.sh" --modules 20 --scale "$reactor_scale" --runs "$runs"
    else
        "$here/reactor.sh" --modules 20 --scale "$reactor_scale" --runs "$runs" --no-install
    fi
    { echo; cat "$here/target/reactor/reactor.md"; } >> "$work/ratios.md"
fi
