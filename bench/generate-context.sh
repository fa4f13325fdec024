#!/usr/bin/env bash
# Generates the benchmark build context (about 100,000 files, 1 GiB) in DIR, deterministically.
# Usage: bench/generate-context.sh DIR [--scale F] [--seed N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec java -Xmx256m "$here/GenerateContext.java" "$@"
