#!/usr/bin/env bash
# Measures CacheModel.snapshot on a generated 100,000-file / 1 GiB context: cold (no stat cache, page
# cache dropped), warm content (page cache warm, no stat cache), warm (valid stat cache) and one file
# changed. Each JVM runs one snapshot; rounds interleave the four cases so that load from other
# processes spreads over all of them. Writes bench/results.md. See bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
project="$(dirname "$here")"
context="${TMPDIR:-/tmp}/dockercache-bench-context"
runs=5
xmx=256m
scale=1
out="$here/results.md"
build=true

usage() {
    echo "usage: bench/run.sh [--context DIR] [--runs N] [--xmx SIZE] [--scale F] [--out FILE] [--no-build]" >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case "$1" in
        --context) context="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --xmx) xmx="$2"; shift 2 ;;
        --scale) scale="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --no-build) build=false; shift ;;
        *) usage ;;
    esac
done

work="$here/target"
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }

# ---- build: the plugin's classes, its runtime classpath, and the harness ----
mvnw() {
    # offline first (a clone with a filled ~/.m2 needs no network), online when something is missing
    (cd "$project" && { ./mvnw -o -q -B "$@" 2>/dev/null || ./mvnw -q -B "$@"; })
}
if $build || [ ! -f "$work/plugin.jar" ]; then
    mvnw -DskipTests compile
    mvnw dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$work/classpath.txt"
    # a copy, so that recompiling the project while the benchmark runs does not change what is measured
    jar cf "$work/plugin.jar" -C "$project/target/classes" .
    javac -d "$work/classes" -cp "$work/plugin.jar:$(cat "$work/classpath.txt")" "$here/SnapshotBench.java"
fi
classpath="$work/classes:$work/plugin.jar:$(cat "$work/classpath.txt")"

"$here/generate-context.sh" "$context" --scale "$scale"
edited="$context/modules/core/src/main/java/com/example/core/Main.java"
cp -p "$edited" "$work/Main.java.orig"
restore_edited() { cp "$work/Main.java.orig" "$edited"; }
trap restore_edited EXIT

stat_cache="$work/statcache.json"
raw="$work/raw.tsv"
: > "$raw"

drop_page_cache() {
    sync
    if [ -w /proc/sys/vm/drop_caches ] && echo 3 > /proc/sys/vm/drop_caches 2>/dev/null; then
        return 0
    fi
    return 1
}
page_cache_note="dropped before each cold run (echo 3 > /proc/sys/vm/drop_caches)"

# One measured JVM: appends "case round wall user sys rss_kib snapshot_ms peak_heap max_live retained files keys".
measure() {
    local case="$1" round="$2"
    local timing="$work/time.txt" line
    line="$(/usr/bin/time -v -o "$timing" java -Xmx"$xmx" ${JAVA_OPTS:-} -cp "$classpath" SnapshotBench \
        "$context" "$stat_cache")"
    local wall user sys rss
    wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$timing")"
    user="$(awk -F': ' '/User time/ {print $2}' "$timing")"
    sys="$(awk -F': ' '/System time/ {print $2}' "$timing")"
    rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")"
    # key=value pairs of the harness, in its order
    set -- $(echo "$line" | sed 's/[a-z_]*=//g')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case" "$round" "$wall" "$user" "$sys" "$rss" \
        "$1" "$2" "$3" "$4" "$5" "$6" >> "$raw"
    printf '  %-13s wall %6ss  cpu %6ss  rss %5d MiB  %s\n' "$case" "$wall" \
        "$(echo "$user $sys" | awk '{print $1 + $2}')" "$((rss / 1024))" "$line"
}

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$runs"); do
    echo "round $round/$runs"
    rm -f "$stat_cache"
    if ! drop_page_cache; then
        page_cache_note="NOT dropped (no permission: run as root for a true cold read); cold = warm content here"
    fi
    measure cold "$round"
    rm -f "$stat_cache"
    measure warm-content "$round"
    measure warm "$round"
    printf '// edit %s\n' "$round" >> "$edited"
    measure one-changed "$round"
    restore_edited
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---- the unchanged cases must agree on every step key; the edit must change some ----
keys_unchanged="$(awk -F'\t' '$1 != "one-changed" {print $12}' "$raw" | sort -u)"
keys_changed="$(awk -F'\t' '$1 == "one-changed" {print $12}' "$raw" | sort -u | head -1)"
if [ "$(echo "$keys_unchanged" | wc -l)" -ne 1 ] || [ "$keys_changed" = "$keys_unchanged" ]; then
    echo "RESULTS DIFFER between cold, warm and cached runs (or the edit changed nothing): see $raw" >&2
    exit 1
fi

# "median [min-max]" of column $2 for case $1, scaled by $3
summary() {
    awk -F'\t' -v c="$1" -v col="$2" -v f="${3:-1}" '$1 == c {print $col * f}' "$raw" | sort -g | awk '
        {v[NR] = $1}
        END {
            m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf (m >= 100 ? "%.0f [%.0f–%.0f]" : "%.2f [%.2f–%.2f]"), m, v[1], v[NR]
        }'
}
cpu_stat() {
    awk -F'\t' -v c="$1" '$1 == c {print $4 + $5}' "$raw" | sort -g | awk '
        {v[NR] = $1}
        END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f [%.2f–%.2f]", m, v[1], v[NR]}'
}

files_on_disk="$(find "$context" -type f | wc -l)"
symlinks="$(find "$context" -type l | wc -l)"
size_on_disk="$(du -sh --apparent-size "$context" | cut -f1)"
sent="$(awk -F'\t' 'NR == 1 {print $11}' "$raw")"
{
    echo "# Build context benchmark"
    echo
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`bench/run.sh --runs $runs --xmx $xmx --scale $scale\`"
    echo "on commit \`$(cd "$project" && git rev-parse --short HEAD)$(cd "$project" && git diff --quiet HEAD -- src || echo ' (modified)')\`."
    echo
    echo "- Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores," \
        "$(free -g | awk '/Mem:/ {print $2}') GiB RAM, Linux $(uname -r), $(stat -f -c %T "$context") file system"
    echo "- Load average (1/5/15 min) before: $load_before, after: $load_after (shared machine: other builds ran meanwhile)"
    echo "- JVM: $(java -version 2>&1 | head -1), \`-Xmx$xmx ${JAVA_OPTS:-}\`, one snapshot per JVM"
    echo "- Context: $files_on_disk files and $symlinks symlinks on disk, $size_on_disk; $sent entries sent after .dockerignore"
    echo "- Page cache: $page_cache_note"
    echo
    echo "Each cell: median [min–max] of $runs runs. Wall and CPU (user + sys) are the whole JVM process;"
    echo "snapshot is the time inside \`CacheModel.snapshot\`. Heap: the pools' peaks (how far the collector let"
    echo "garbage grow, up to -Xmx), the most still live after any collection during the run (what -Xmx must"
    echo "hold), and what the finished snapshot retains."
    echo
    echo "| case | wall (s) | snapshot (s) | CPU (s) | peak RSS (MiB) | heap peak (MiB) | max live heap (MiB) | retained (MiB) |"
    echo "|---|---|---|---|---|---|---|---|"
    for case in cold warm-content warm one-changed; do
        echo "| $case | $(summary "$case" 3) | $(summary "$case" 7 0.001) | $(cpu_stat "$case")" \
            "| $(summary "$case" 6 0.0009765625) | $(summary "$case" 8) | $(summary "$case" 9) | $(summary "$case" 10) |"
    done
    echo
    echo "- cold: no stat cache, page cache dropped; warm-content: no stat cache, files in the page cache;"
    echo "  warm: stat cache present and valid; one-changed: stat cache present, one source file edited."
} > "$out"
cat "$out"
