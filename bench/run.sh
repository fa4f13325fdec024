#!/usr/bin/env bash
# Measures CacheModel.snapshot on a generated context: cold (no stat cache, page cache dropped), warm
# content (page cache warm, no stat cache), warm (valid stat cache) and one file changed, against the
# baseline `find DIR -type f -print0 | xargs -0 -P2 sha256sum` run in the same rounds. Each JVM runs one
# snapshot; rounds interleave the cases so that load from other processes spreads over all of them.
# Writes bench/results.md. See bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
project="$(dirname "$here")"
context=""
runs=5
xmx=256m
scale=1
files=""
out="$here/results.md"
build=true

usage() {
    echo "usage: bench/run.sh [--context DIR] [--runs N] [--xmx SIZE] [--scale F | --files N] [--out FILE] [--no-build]" >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case "$1" in
        --context) context="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --xmx) xmx="$2"; shift 2 ;;
        --scale) scale="$2"; shift 2 ;;
        --files) files="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --no-build) build=false; shift ;;
        *) usage ;;
    esac
done
if [ -n "$files" ]; then
    # many tiny files: the memory of a large context, not its bytes
    context="${context:-${TMPDIR:-/tmp}/dockercache-bench-files-$files}"
    generate_args=(--files "$files")
    edited_relative="m000/p00/F0000001.txt"
    run_label="--files $files"
else
    context="${context:-${TMPDIR:-/tmp}/dockercache-bench-context}"
    generate_args=(--scale "$scale")
    edited_relative="modules/core/src/main/java/com/example/core/Main.java"
    run_label="--scale $scale"
fi

work="$here/target"
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }

# ---- build: the plugin's classes, its runtime classpath, and the harness ----
if $build || [ ! -f "$work/plugin.jar" ]; then
    "$here/build.sh"
fi
classpath="$work/classes:$work/plugin.jar:$(cat "$work/classpath.txt")"

"$here/generate-context.sh" "$context" "${generate_args[@]}" --seed 42
edited="$context/$edited_relative"
cp -p "$edited" "$work/edited.orig"
restore_edited() { cp -p "$work/edited.orig" "$edited"; }
trap restore_edited EXIT

stat_cache="$work/statcache"
sent_list="$work/sent-files.list"
raw="$work/raw.tsv"
baseline_raw="$work/baseline.tsv"
: > "$raw"
: > "$baseline_raw"

drop_page_cache() {
    sync
    if [ -w /proc/sys/vm/drop_caches ] && echo 3 > /proc/sys/vm/drop_caches 2>/dev/null; then
        return 0
    fi
    return 1
}
page_cache_note="dropped before each cold run and each baseline (echo 3 > /proc/sys/vm/drop_caches)"
cold_page_cache() {
    if ! drop_page_cache; then
        page_cache_note="NOT dropped (no permission: run as root for a true cold read); cold = warm content here"
    fi
}

# wall, user and sys seconds and peak RSS (KiB) of a GNU time -v report
time_fields() {
    awk -F': ' '
        /Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s}
        /User time/ {user = $2}
        /System time/ {sys = $2}
        /Maximum resident set size/ {rss = $2}
        END {printf "%s\t%s\t%s\t%s", wall, user, sys, rss}' "$1"
}

# The largest heap in use before and after any collection, in MiB, from a -Xlog:gc log ("123M->45M(256M)").
gc_log_peaks() {
    awk '/Pause/ && match($0, /[0-9]+M->[0-9]+M/) {
            split(substr($0, RSTART, RLENGTH), m, "->"); b = m[1] + 0; a = m[2] + 0
            if (b > before) before = b; if (a > after) after = a
        }
        END {printf "%d\t%d", before, after}' "$1"
}

# One measured JVM: appends "case round wall user sys rss_kib snapshot_ms peak_heap max_live retained files
# keys gc_before gc_after".
measure() {
    local case="$1" round="$2" extra_opts="${3:-}"
    local timing="$work/time.txt" gc_log="$work/gc-$case-$round.log" line
    if ! line="$(/usr/bin/time -v -o "$timing" java -Xmx"$xmx" -Xlog:gc:file="$gc_log" ${JAVA_OPTS:-} $extra_opts \
            -cp "$classpath" SnapshotBench "$context" "$stat_cache" "$sent_list")"; then
        echo "the $case snapshot failed (see $gc_log); with -Xmx$xmx it may have run out of heap" >&2
        exit 1
    fi
    # key=value pairs of the harness, in its order
    set -- $(echo "$line" | sed 's/[a-z_]*=//g')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case" "$round" "$(time_fields "$timing")" \
        "$1" "$2" "$3" "$4" "$5" "$6" "$(gc_log_peaks "$gc_log")" >> "$raw"
    tail -1 "$raw" | awk -F'\t' '{printf "  %-13s wall %6ss  cpu %6.2fs  rss %5d MiB  gc peak %4d MiB  %s\n",
        $1, $3, $4 + $5, $6 / 1024, $13, $11 " entries, keys " $12}'
}

# The baseline: every regular file under the context hashed by two sha256sum processes, and the same
# for exactly the regular files the snapshot hashed (the context after .dockerignore); both from a cold
# page cache. Appends "name round wall user sys rss_kib".
baseline() {
    local name="$1" round="$2" timing="$work/time.txt"
    cold_page_cache
    case "$name" in
        find-all) /usr/bin/time -v -o "$timing" bash -c \
            'find "$1" -type f -print0 | xargs -0 -P2 sha256sum > /dev/null' _ "$context" ;;
        sent-files) /usr/bin/time -v -o "$timing" bash -c \
            'cd "$1" && xargs -0 -P2 sha256sum < "$2" > /dev/null' _ "$context" "$sent_list" ;;
    esac
    printf '%s\t%s\t%s\n' "$name" "$round" "$(time_fields "$timing")" >> "$baseline_raw"
    tail -1 "$baseline_raw" | awk -F'\t' '{printf "  %-13s wall %6ss  cpu %6.2fs\n", $1, $3, $4 + $5}'
}

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$runs"); do
    echo "round $round/$runs"
    rm -f "$stat_cache"
    cold_page_cache
    measure cold "$round"
    baseline find-all "$round"
    baseline sent-files "$round"
    rm -f "$stat_cache"
    measure warm-content "$round"
    measure warm "$round"
    # the same in a JVM that has already taken 9 snapshots, as a Maven daemon (mvnd) keeps it: no JVM start-up,
    # class loading or JIT warm-up; only its snapshot time is comparable
    measure warm-jvm "$round" -Dbench.repeat=10
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

# median of column $2 (an awk expression over $1..) for rows of $1 in file $3
median() {
    awk -F'\t' -v c="$1" '$1 == c {print '"$2"'}' "$3" | sort -g | awk '
        {v[NR] = $1}
        END {printf "%.4f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
# "median [min-max]" of the expression $2 for rows of $1 in file $3 (default: the snapshot table)
summary() {
    awk -F'\t' -v c="$1" '$1 == c {print '"$2"'}' "${3:-$raw}" | sort -g | awk '
        {v[NR] = $1}
        END {
            m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf (m >= 100 ? "%.0f [%.0f–%.0f]" : "%.2f [%.2f–%.2f]"), m, v[1], v[NR]
        }'
}
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'
}
# Ratio of medians over the rows of case $1 and case $3 for column expression $2 ($4/$5: their files).
median_ratio() {
    ratio "$(median "$1" "$2" "${4:-$raw}")" "$(median "$3" "$2" "${5:-$raw}")"
}

files_on_disk="$(find "$context" -type f | wc -l)"
symlinks="$(find "$context" -type l | wc -l)"
size_on_disk="$(du -sh --apparent-size "$context" | cut -f1)"
sent="$(awk -F'\t' 'NR == 1 {print $11}' "$raw")"
sent_regular="$(tr -cd '\0' < "$sent_list" | wc -c)"
sent_bytes="$(cd "$context" && xargs -0 stat -c %s < "$sent_list" | awk '{s += $1} END {printf "%.0f MiB", s / 1048576}')"
wall='$3'
cpu='$4 + $5'
snapshot='$7 / 1000'
{
    echo "# Build context benchmark"
    echo
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`bench/run.sh --runs $runs --xmx $xmx $run_label\`"
    echo "on commit \`$(cd "$project" && git rev-parse --short HEAD)$(cd "$project" && git diff --quiet HEAD -- src || echo ' (modified)')\`."
    echo
    echo "- Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores," \
        "$(free -g | awk '/Mem:/ {print $2}') GiB RAM, Linux $(uname -r), $(stat -f -c %T "$context") file system"
    echo "- Load average (1/5/15 min) before: $load_before, after: $load_after (shared machine: other builds ran meanwhile)"
    echo "- JVM: $(java -version 2>&1 | head -1), \`-Xmx$xmx ${JAVA_OPTS:-}\`, one snapshot per JVM (warm-jvm: ten)"
    echo "- Context: $files_on_disk files and $symlinks symlinks on disk, $size_on_disk; $sent entries sent after" \
        ".dockerignore, of which $sent_regular regular files ($sent_bytes)"
    echo "- Page cache: $page_cache_note"
    echo
    echo "Each cell: median [min–max] of $runs runs. Wall and CPU (user + sys) are the whole JVM process;"
    echo "snapshot is the time inside \`CacheModel.snapshot\`. Heap: the pools' peaks (how far the collector let"
    echo "garbage grow, up to -Xmx), the most still live after any collection during the run (what -Xmx must"
    echo "hold), what the finished snapshot retains, and the largest heap before / after a collection in the GC log."
    echo
    echo "| case | wall (s) | snapshot (s) | CPU (s) | peak RSS (MiB) | heap peak (MiB) | max live heap (MiB) | retained (MiB) | GC log before / after (MiB) |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for case in cold warm-content warm warm-jvm one-changed; do
        echo "| $case | $(summary "$case" "$wall") | $(summary "$case" "$snapshot") | $(summary "$case" "$cpu")" \
            "| $(summary "$case" '$6 / 1024') | $(summary "$case" '$8') | $(summary "$case" '$9') | $(summary "$case" '$10')" \
            "| $(summary "$case" '$13' | cut -d' ' -f1) / $(summary "$case" '$14' | cut -d' ' -f1) |"
    done
    echo
    echo "Baseline, page cache dropped before each: \`find DIR -type f -print0 | xargs -0 -P2 sha256sum\` over every"
    echo "file on disk (find-all), and \`xargs -0 -P2 sha256sum\` over the regular files the snapshot hashed (sent-files)."
    echo
    echo "| baseline | wall (s) | CPU (s) |"
    echo "|---|---|---|"
    for name in find-all sent-files; do
        echo "| $name | $(summary "$name" "$wall" "$baseline_raw") | $(summary "$name" "$cpu" "$baseline_raw") |"
    done
    echo
    echo "Ratios of medians (target: cold ≤ 1.3 × find-all; warm ≥ 20 × faster than cold):"
    echo
    echo "| ratio | wall | CPU |"
    echo "|---|---|---|"
    echo "| cold / find-all | $(median_ratio cold "$wall" find-all "$raw" "$baseline_raw") | $(median_ratio cold "$cpu" find-all "$raw" "$baseline_raw") |"
    echo "| cold / sent-files | $(median_ratio cold "$wall" sent-files "$raw" "$baseline_raw") | $(median_ratio cold "$cpu" sent-files "$raw" "$baseline_raw") |"
    echo "| cold / warm (process) | $(median_ratio cold "$wall" warm) | $(median_ratio cold "$cpu" warm) |"
    echo "| cold / warm (inside snapshot) | $(median_ratio cold "$snapshot" warm) | |"
    echo "| cold / warm-jvm (inside snapshot) | $(median_ratio cold "$snapshot" warm-jvm) | |"
    echo
    echo "- cold: no stat cache, page cache dropped; warm-content: no stat cache, files in the page cache;"
    echo "  warm: stat cache present and valid; warm-jvm: the same, measured in a JVM after 9 earlier snapshots"
    echo "  (wall, CPU and heap are that whole JVM's, only its snapshot time compares); one-changed: stat cache"
    echo "  present, one file edited."
} > "$out"
cat "$out"
