#!/usr/bin/env bash
# A real HTTP Maven repository on loopback for the invoker ITs that deploy a snapshot and resolve it as the
# baseline of a later build: Debian's nginx with WebDAV PUT, serving /tmp/dockercache-repository.
# The same server serves /tmp/dockercache-repository/static read-only at /static/: the differential scenarios'
# files for ADD <url>, and bare git repositories over git's "dumb" HTTP protocol for ADD <git url>.
#
#   repository.sh start   install nginx if missing, start it, print its URL
#   repository.sh stop    stop it (the stored artifacts are kept)
#   repository.sh url     print the URL
set -euo pipefail

readonly PORT=${DOCKERCACHE_REPOSITORY_PORT:-18086}
readonly STATE=/tmp/dockercache-repository
readonly URL=http://127.0.0.1:$PORT/releases

start() {
  if ! command -v nginx >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
  fi
  mkdir -p "$STATE/releases" "$STATE/static" "$STATE/tmp" "$STATE/logs"
  # nginx's workers write the deployed files; they run as nobody
  chown -R nobody:nogroup "$STATE/releases" "$STATE/tmp"
  # Maven deploys with PUT and needs directories created on the way; nothing else is allowed.
  cat >"$STATE/nginx.conf" <<CONF
daemon on;
user nobody nogroup;
pid $STATE/nginx.pid;
error_log $STATE/logs/error.log;
events { worker_connections 64; }
http {
  access_log $STATE/logs/access.log;
  client_body_temp_path $STATE/tmp;
  client_max_body_size 64m;
  server {
    listen 127.0.0.1:$PORT;
    root $STATE;
    location /releases/ {
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
      autoindex on;
    }
    # Written by the tests, read by BuildKit: plain files with ETag and Last-Modified, nothing else allowed.
    location /static/ {
      limit_except GET { deny all; }
    }
  }
}
CONF
  if [[ -f $STATE/nginx.pid ]] && kill -0 "$(cat "$STATE/nginx.pid")" 2>/dev/null; then
    echo "repository already running" >&2
  else
    nginx -c "$STATE/nginx.conf" -p "$STATE" -e "$STATE/logs/error.log"
  fi
  for _ in $(seq 50); do
    curl -fsS -o /dev/null "$URL/" && { echo "$URL"; return; }
    sleep 0.2
  done
  echo "nginx did not answer on $URL; see $STATE/logs/error.log" >&2
  exit 1
}

stop() {
  if [[ -f $STATE/nginx.pid ]] && kill -0 "$(cat "$STATE/nginx.pid")" 2>/dev/null; then
    nginx -c "$STATE/nginx.conf" -p "$STATE" -e "$STATE/logs/error.log" -s stop
  fi
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  *) echo "usage: repository.sh start|stop|url" >&2; exit 2 ;;
esac
