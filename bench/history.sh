#!/usr/bin/env bash
# The history benchmark: dockercache:history's time per commit over the last 50 commits of a generated git repository
# of 10,000 files (HistoryBench.java), one replay per JVM as a Maven run does it, against a replay of the last commit
# alone (the first analysis, which hashes every file). Prints a Markdown table of medians [min–max]. See bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
project="$(dirname "$here")"
repository="${TMPDIR:-/tmp}/dockercache-bench-history"
runs=5
xmx=256m
build=true
while [ $# -gt 0 ]; do
    case "$1" in
        --repository) repository="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --xmx) xmx="$2"; shift 2 ;;
        --no-build) build=false; shift ;;
        *) echo "usage: bench/history.sh [--repository DIR] [--runs N] [--xmx SIZE] [--no-build]" >&2; exit 2 ;;
    esac
done
work="$here/target"
mkdir -p "$work"
if $build || [ ! -f "$work/plugin.jar" ]; then
    "$here/build.sh"
fi
classpath="$work/classes:$work/plugin.jar:$(cat "$work/classpath.txt")"

if [ ! -d "$repository/.git" ]; then
    java -cp "$classpath" HistoryBench --generate "$repository"
fi

raw="$work/history.tsv"
: > "$raw"
for round in $(seq 1 "$runs"); do
    for commits in 50 1; do
        start=$(date +%s.%N)
        line=$(java -Xmx"$xmx" -cp "$classpath" HistoryBench "$repository" "$commits")
        end=$(date +%s.%N)
        echo -e "$commits\t$(echo "$end - $start" | bc)\t$line" >> "$raw"
    done
done

median() { sort -n | awk '{a[NR]=$1} END {printf "%.2f [%.2f–%.2f]", a[int((NR+1)/2)], a[1], a[NR]}'; }
field() { grep -o "$1=[0-9.]*" | cut -d= -f2; }
echo "| commits replayed | JVM wall (s) | replay wall (s) | replay CPU (s) | per commit, wall (s) | files hashed | trees read |"
echo "|---|---|---|---|---|---|---|"
for commits in 50 1; do
    rows=$(awk -F'\t' -v c="$commits" '$1 == c' "$raw")
    echo "| $commits | $(echo "$rows" | cut -f2 | median) | $(echo "$rows" | field seconds | median)" \
        "| $(echo "$rows" | field cpu | median)" \
        "| $(echo "$rows" | field perCommit | median) | $(echo "$rows" | field filesHashed | head -1)" \
        "| $(echo "$rows" | field treesRead | head -1) |"
done
