#!/usr/bin/env bash
# A private Docker engine with BuildKit: the ground truth for the differential tests.
#
#   engine.sh start          install what is missing, start dockerd, import the base image, print DOCKER_HOST=...
#   engine.sh stop [--purge] stop dockerd; --purge also deletes its images, build cache and logs
#   engine.sh probe DIR [docker build args...]
#                            build DIR and print one line per step: <stepId> <BASE|CACHED|BUILT|ERROR> <text>
#   engine.sh prune          drop all build cache
#
# DOCKERCACHE_ENGINE selects the engine; each keeps its state in /tmp/dockercache-engine-<engine>/ and all can
# run side by side:
#   28 (default)  Docker 28.5, BuildKit 0.25, buildx 0.29   Debian forky (testing), unpacked into /opt
#   26            Docker 26.1, BuildKit 0.13, buildx 0.13   Debian 13 trixie, unpacked into /opt
#   20            Docker 20.10, BuildKit 0.8 in the client  Debian 12 docker.io, installed with apt
# forky is Debian testing: a later first install may get a newer version; $PREFIX/versions.txt says which.
# Needs root on Debian 12. Nothing but runc, busybox-static, git (and docker.io for engine 20) is installed
# system-wide.
# The state directory also holds what the Java harness (Engine.java) looks for: docker.sock, the client link and
# the client config.
set -euo pipefail

readonly ENGINE=${DOCKERCACHE_ENGINE:-28}
readonly STATE=/tmp/dockercache-engine-$ENGINE
readonly SOCKET=$STATE/docker.sock
readonly BASE_IMAGE=dockercache-busybox:latest

case $ENGINE in
  28 | 26)
    [[ $ENGINE == 28 ]] && SUITE=forky || SUITE=trixie
    readonly PREFIX=/opt/dockercache-engine-$ENGINE
    readonly DOCKERD=$PREFIX/usr/sbin/dockerd CLIENT=$PREFIX/usr/bin/docker
    # The newer runc in these suites needs glibc 2.38; bookworm's runc 1.1.5 works with both engines.
    # BuildKit runs the git binary in dockerd's PATH for ADD <git url>.
    readonly SYSTEM_PACKAGES=(runc busybox-static git)
    readonly UNPACKED_PACKAGES=(docker.io docker-cli docker-buildx containerd)
    # The unpacked dockerd must find its own containerd and shim before any system-wide one.
    export PATH=$PREFIX/usr/bin:$PREFIX/usr/sbin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    ;;
  20)
    readonly DOCKERD=/usr/sbin/dockerd CLIENT=/usr/bin/docker
    readonly SYSTEM_PACKAGES=(docker.io busybox-static git)
    ;;
  *)
    echo "DOCKERCACHE_ENGINE must be 28, 26 or 20, not '$ENGINE'" >&2
    exit 2
    ;;
esac

# Every client call goes to our daemon; the config dir holds the buildx plugin (26, 28). The 20.10 client
# only uses BuildKit when asked; the newer ones refuse to fall back to the legacy builder when buildx is missing.
export DOCKER_HOST=unix://$SOCKET DOCKER_CONFIG=$STATE/config DOCKER_BUILDKIT=1

say() { echo "engine $ENGINE: $*" >&2; }
die() { say "$*"; exit 1; }

# start, stop and prune take this lock so that two test runs cannot start two daemons on one socket.
take_lock() {
  mkdir -p "$STATE"
  exec 9>"$STATE/lock"
  flock 9
}

install_system_packages() {
  local pkg missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return
  say "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Downloads the engine's .debs from a newer Debian suite and unpacks them into $PREFIX. apt gets a private
# config, list and cache dir, so the system's sources, lists and packages stay as they are.
unpack_newer_engine() {
  local apt_root deb
  apt_root=$(mktemp -d)
  mkdir -p "$apt_root"/{lists/partial,archives/partial,parts,debs}
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $SUITE main" \
    >"$apt_root/sources.list"
  local private_apt=(
    -o "Dir::Etc::SourceList=$apt_root/sources.list" -o "Dir::Etc::SourceParts=$apt_root/parts"
    -o "Dir::Etc::PreferencesParts=$apt_root/parts" -o "Dir::State::Lists=$apt_root/lists"
    -o "Dir::Cache=$apt_root" -o "APT::Sandbox::User=root"
  )
  say "downloading ${UNPACKED_PACKAGES[*]} from Debian $SUITE"
  apt-get -qq "${private_apt[@]}" update
  (cd "$apt_root/debs" && apt-get -qq "${private_apt[@]}" download "${UNPACKED_PACKAGES[@]}")
  rm -rf "$PREFIX"
  mkdir -p "$PREFIX"
  for deb in "$apt_root"/debs/*.deb; do
    dpkg-deb -x "$deb" "$PREFIX"
    echo "$(dpkg-deb --field "$deb" Package) $(dpkg-deb --field "$deb" Version)" >>"$PREFIX/versions.txt"
  done
  rm -rf "$apt_root"
  # Written last: a half-finished unpack is redone on the next start.
  touch "$PREFIX/.complete"
  say "unpacked into $PREFIX: $(paste -sd, "$PREFIX/versions.txt")"
}

install_if_missing() {
  install_system_packages
  if [[ -v PREFIX && ! -e $PREFIX/.complete ]]; then
    unpack_newer_engine
  fi
  mkdir -p "$DOCKER_CONFIG/cli-plugins"
  if [[ -v PREFIX ]]; then
    ln -sfn "$PREFIX/usr/libexec/docker/cli-plugins/docker-buildx" "$DOCKER_CONFIG/cli-plugins/docker-buildx"
  fi
  # The Java harness finds the client here (next to the socket) without knowing the engine's layout.
  ln -sfn "$CLIENT" "$STATE/client"
}

daemon_answers() {
  "$CLIENT" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

launch_daemon() {
  rm -f "$SOCKET" "$STATE/dockerd.pid"
  if [[ -S /run/containerd/containerd.sock ]]; then
    # dockerd always prefers a running system containerd; our own namespaces keep the two daemons apart.
    say "note: dockerd will use the system containerd at /run/containerd/containerd.sock"
  fi
  # An empty config of our own: dockerd would otherwise read the system's /etc/docker/daemon.json, whose
  # settings may clash with the flags below.
  echo '{}' >"$STATE/daemon.json"
  # vfs needs no overlayfs; no bridge and no iptables because the machine may not allow either, so builds
  # run with --network=none. 9>&-: a daemon that inherited the lock would hold it for its whole life.
  setsid "$DOCKERD" \
    --config-file "$STATE/daemon.json" --host "$DOCKER_HOST" --pidfile "$STATE/dockerd.pid" \
    --data-root "$STATE/data" --exec-root "$STATE/exec" \
    --containerd-namespace "dockercache-$ENGINE" --containerd-plugins-namespace "dockercache-$ENGINE-plugins" \
    --storage-driver vfs --bridge none --iptables=false --ip6tables=false --ip-masq=false \
    </dev/null >"$STATE/dockerd.log" 2>&1 9>&- &
  local pid=$! waited
  for ((waited = 0; waited < 240; waited++)); do
    daemon_answers && return
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$STATE/dockerd.log" >&2
      die "dockerd exited during startup; full log: $STATE/dockerd.log"
    fi
    sleep 0.25
  done
  tail -n 30 "$STATE/dockerd.log" >&2
  die "dockerd (pid $pid) did not answer on $SOCKET within 60 s; full log: $STATE/dockerd.log"
}

# No registry is reachable, so RUN steps need a local base image: busybox-static's binary with its applets
# as symlinks. Imported once: a re-import gets a new image ID, which would invalidate every cached step.
import_base_image() {
  "$CLIENT" image inspect "$BASE_IMAGE" >/dev/null 2>&1 && return
  local rootfs
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs"/{bin,etc,root,tmp,proc,sys,dev}
  chmod 0755 "$rootfs"
  chmod 1777 "$rootfs/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  # Relative links: busybox --install would link to wherever the host keeps the binary (/usr/bin on merged /usr).
  local applet
  for applet in $(/bin/busybox --list); do
    [[ -e $rootfs/bin/$applet ]] || ln -s busybox "$rootfs/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
  echo 'root:x:0:' >"$rootfs/etc/group"
  tar -C "$rootfs" --sort=name --owner=0 --group=0 --numeric-owner -cf - . |
    "$CLIENT" import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["/bin/sh"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
  say "imported $BASE_IMAGE"
}

start() {
  take_lock
  install_if_missing
  if daemon_answers; then
    say "already running"
  else
    launch_daemon
    say "started $("$CLIENT" version --format 'Docker {{.Server.Version}}, API {{.Server.APIVersion}}')"
  fi
  import_base_image
  echo "DOCKER_HOST=$DOCKER_HOST"
}

stop() {
  local purge=${1:-}
  [[ -z $purge || $purge == --purge ]] || die "usage: engine.sh stop [--purge]"
  take_lock
  local pid
  pid=$(cat "$STATE/dockerd.pid" 2>/dev/null || true)
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" # dockerd stops the containerd it started itself
    local waited=0
    while kill -0 "$pid" 2>/dev/null && ((waited++ < 120)); do
      sleep 0.25
    done
    kill -0 "$pid" 2>/dev/null && die "dockerd $pid still running 30 s after SIGTERM"
    say "stopped dockerd $pid"
  else
    say "not running"
  fi
  rm -f "$STATE/dockerd.pid" "$SOCKET"
  if [[ $purge == --purge ]]; then
    # Mounts the daemon left behind (after a crash) would make rm fail halfway; unmount innermost first.
    local mounts
    mounts=$(awk -v dir="$STATE/" 'index($2, dir) == 1 { print $2 }' /proc/mounts | sort -r)
    [[ -z $mounts ]] || xargs -r -n1 umount -l <<<"$mounts"
    rm -rf "$STATE"
    say "purged $STATE"
  fi
}

require_daemon() {
  if [[ ! -x $CLIENT ]] || ! daemon_answers; then
    die "not running; start it with: scripts/engine.sh start"
  fi
}

prune() {
  take_lock
  require_daemon
  "$CLIENT" builder prune --all --force >/dev/null
  # Untagged build results only cost disk (vfs stores every layer in full); the base image is tagged and stays.
  "$CLIENT" image prune --force >/dev/null
  say "build cache dropped"
}

# Prints the stages of a Dockerfile in order, as BuildKit labels them: the AS name in lower case, else
# stage-<index>. A simple line scan: enough for probing, not a Dockerfile parser.
stage_labels() {
  awk '
    toupper($1) == "FROM" {
      label = "stage-" stages++
      for (i = 2; i < NF; i++) if (toupper($i) == "AS") label = tolower($(i + 1))
      printf "%s ", label
    }' "$1"
}

probe() {
  (($# >= 1)) || die "usage: engine.sh probe DIR [docker build args...]"
  local dir=$1
  shift
  require_daemon
  # The Dockerfile decides the step ids, so find the one docker build will read.
  local dockerfile=$dir/Dockerfile arg previous=
  for arg in "$@"; do
    case $previous in -f | --file) dockerfile=$arg ;; esac
    case $arg in --file=*) dockerfile=${arg#--file=} ;; esac
    previous=$arg
  done
  mkdir -p "$STATE"
  local log=$STATE/probe.log rc=0 started_us=${EPOCHREALTIME//[.,]/}
  "$CLIENT" build --progress=plain --network=none "$@" "$dir" >"$log" 2>&1 || rc=$?
  say "build took $(((${EPOCHREALTIME//[.,]/} - started_us) / 1000)) ms, exit status $rc, log: $log"
  # Plain progress names each step vertex "#<vertex> [<stage> <N>/<M>] <instruction>" (BuildKit 0.8 omits
  # <stage> in single-stage builds) and later reports it as "#<vertex> CACHED|DONE|ERROR|CANCELED".
  # Several vertices can carry one label (ADD <url>: fetch, then copy); the last one is the step.
  awk -v stageList="$(stage_labels "$dockerfile")" '
    BEGIN { stages = split(stageList, stageName); for (i = 1; i <= stages; i++) order[stageName[i]] = i }
    match($0, /^#[0-9]+ \[([^] ]+ )?[0-9]+\/[0-9]+\] /) {
      vertex = substr($1, 2) + 0
      label = substr($0, index($0, "[") + 1)
      text = substr(label, index(label, "]") + 2)
      label = substr(label, 1, index(label, "]") - 1)
      n = split(label, part, " ")
      split(part[n], counter, "/")
      stage = (n == 2) ? part[1] : "stage-0"
      id = (stages == 1) ? counter[1] : stage ":" counter[1]
      if (!(id in vertexOf) || vertex > vertexOf[id]) {
        vertexOf[id] = vertex
        sortKey[id] = sprintf("%d %d", (stage in order) ? order[stage] : stages, counter[1])
        textOf[id] = text
      }
      next
    }
    $2 == "CACHED" || $2 == "DONE" || $2 ~ /^(ERROR|CANCELED)/ { status[substr($1, 2) + 0] = $2 }
    END {
      for (id in vertexOf) {
        s = status[vertexOf[id]]
        verdict = (textOf[id] ~ /^FROM /) ? "BASE" : (s == "CACHED") ? "CACHED" : (s == "DONE") ? "BUILT" : "ERROR"
        print sortKey[id], id, verdict, textOf[id]
      }
    }' "$log" | sort -n -k1,1 -k2,2 | cut -d' ' -f3-
  if ((rc != 0)); then
    tail -n 15 "$log" >&2
  fi
  return "$rc"
}

case ${1:-} in
  start) start ;;
  stop) stop "${@:2}" ;;
  probe) probe "${@:2}" ;;
  prune) prune ;;
  *)
    echo "usage: engine.sh start | stop [--purge] | probe DIR [docker build args...] | prune" >&2
    exit 2
    ;;
esac
