#!/bin/sh
# Plays the generated differential pairs (src/test/java/io/github/dockercache/differential/generated/Catalogue.java)
# on the engines, many pairs per Dockerfile, and writes docs/coverage.md, the outcomes per engine
# (target/explore/outcomes-<engine>.json) and a scenario to minimize for each pair where the plugin disagrees
# (target/explore/scenarios/). Runs outside CI: tens of minutes on both engines.
#
#   scripts/explore.sh [ENGINES] [ONLY] [ALONE]
#     ENGINES  comma-separated (default 28,26)
#     ONLY     a regex of pair ids (default all)
#     ALONE    how many pairs to play again each in a Dockerfile of its own, to check batching (default 20)
#   EXPLORE_MINUTES starts no batch after that many minutes (default 600); EXPLORE_BATCH pairs per Dockerfile (100)
set -eu
cd "$(dirname "$0")/.."
exec nice ./mvnw -B -o test -Dinvoker.skip -Dtest=GeneratedPairsExploration -Dsurefire.failIfNoSpecifiedTests=false \
  -Dexplore=true -Ddifferential.engines="${1:-28,26}" -Dexplore.only="${2:-.*}" -Dexplore.alone="${3:-20}" \
  -Dexplore.matrix="$PWD/docs/coverage.md" -Dexplore.batch="${EXPLORE_BATCH:-100}" \
  -Dexplore.minutes="${EXPLORE_MINUTES:-600}"
