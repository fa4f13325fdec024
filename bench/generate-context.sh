#!/usr/bin/env bash
# Generates the benchmark build context (about 100,000 files, 1 GiB; or --files N tiny files) in DIR,
# deterministically.
# Usage: bench/generate-context.sh DIR [--scale F | --files N] [--seed N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec java -Xmx256m "$here/GenerateContext.java" "$@"
