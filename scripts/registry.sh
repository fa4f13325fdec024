#!/usr/bin/env bash
# A real OCI distribution registry (Debian's docker-registry, the CNCF "distribution" v2 server) on loopback,
# for the tests of the image digest resolver: they push tiny images to it and resolve their tags.
# The package's systemd unit is not used (no systemd in containers or on CI); the binary runs in the
# background with its own config, storage and PID file.
#
#   registry.sh start   install docker-registry if missing, start it, print its URL
#   registry.sh stop    stop it (the pushed images are kept)
#   registry.sh url     print the URL
set -euo pipefail

readonly PORT=${DOCKERCACHE_REGISTRY_PORT:-15000}
readonly STATE=/tmp/dockercache-registry
readonly URL=http://127.0.0.1:$PORT
readonly PID_FILE=$STATE/registry.pid
readonly BINARY=/usr/bin/docker-registry

running() {
  [[ -f $PID_FILE ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

start() {
  if [[ ! -x $BINARY ]]; then
    apt-get update -qq
    # the package's postinst tries to start its service; without systemd that is a no-op
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-registry >/dev/null
  fi
  mkdir -p "$STATE/storage"
  # No auth: the resolver's token and basic flows are tested against a stub; this server checks the
  # distribution API itself. Deletes are enabled so a test can remove what it pushed.
  cat >"$STATE/config.yml" <<CONF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$PORT
  # one instance, so any fixed secret does; setting it silences the warning about a random one
  secret: dockercache-tests-only
CONF
  if running; then
    echo "registry already running" >&2
  else
    nohup "$BINARY" serve "$STATE/config.yml" >"$STATE/registry.log" 2>&1 &
    echo $! >"$PID_FILE"
  fi
  for _ in $(seq 50); do
    curl -fs -o /dev/null "$URL/v2/" && { echo "$URL"; return; }
    running || break
    sleep 0.2
  done
  echo "the registry did not answer on $URL; see $STATE/registry.log" >&2
  exit 1
}

stop() {
  if running; then
    local pid
    pid=$(cat "$PID_FILE")
    kill "$pid"
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$PID_FILE"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  *) echo "usage: registry.sh start|stop|url" >&2; exit 2 ;;
esac
