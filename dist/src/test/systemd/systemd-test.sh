#!/bin/bash
# Runs the installed helo-server.service under a real systemd: boots the host's own systemd as PID 1 of new
# namespaces (mount, PID, network, UTS, IPC, cgroup) on an overlay of the host's root, where the package is
# installed, then checks that the unit, with all its sandboxing:
#   1. starts, serves the protocol on 8008 over IPv4 and IPv6, as an unprivileged user with no capabilities;
#   2. rates 2.0 or better in systemd-analyze security, as the running manager sees it;
#   3. drains and exits 0 on systemctl stop;
#   4. is started again by systemd after exit status 3 (what the server does on running out of memory): a
#      drop-in runs a stand-in (ExitServer.java) with the unit's JVM options that fills its heap on request.
# Everything ends with the test: systemd powers off (or is killed), its cgroup and mounts are checked gone.
# Needs root, util-linux (unshare, nsenter, setpriv), systemd 247+, a JDK, and the package installed.
set -euo pipefail
cd "$(dirname "$0")"
UNIT=helo-server.service
PORT=8008
TIMEOUT=60
[ "$(id -u)" = 0 ] || { echo "systemd-test: run as root" >&2; exit 2; }
[ -f "/lib/systemd/system/$UNIT" ] || { echo "systemd-test: the package is not installed" >&2; exit 2; }
UNIFIED=/sys/fs/cgroup/unified # a hybrid host keeps the v2 hierarchy here
[ "$(stat -f -c %T /sys/fs/cgroup)" = cgroup2fs ] && UNIFIED=/sys/fs/cgroup
[ "$(stat -f -c %T "$UNIFIED")" = cgroup2fs ] || { echo "systemd-test: no cgroup v2 hierarchy" >&2; exit 2; }

START=$(date +%s%N)
say() { printf '[%5.1f s] %s\n' "$(( ($(date +%s%N) - START) / 100000000 ))e-1" "$*"; }
fail() { say "FAIL: $*"; exit 1; }

WORK=$(mktemp -d /tmp/systemd-test.XXXXXX)
CGROUP="$UNIFIED/$(basename "$WORK")"
LAUNCHER=""
INIT="" # the container's PID 1, as the host sees it

teardown() {
  local status=$?
  set +e
  if [ -n "$INIT" ] && [ -d "/proc/$INIT" ]; then
    kill -RTMIN+4 "$INIT" # systemd: power off
    for _ in $(seq 200); do [ -d "/proc/$INIT" ] || break; sleep 0.05; done
    [ -d "/proc/$INIT" ] && kill -KILL "$INIT" # PID 1 of its namespace: the kernel ends everything in it
  fi
  if [ -n "$LAUNCHER" ]; then
    for _ in $(seq 100); do [ -d "/proc/$LAUNCHER" ] || break; sleep 0.05; done
    [ -d "/proc/$LAUNCHER" ] && kill -KILL "$LAUNCHER"
    wait "$LAUNCHER" 2>/dev/null
  fi
  for _ in $(seq 100); do # the cgroups systemd made, empty once the namespace is gone
    [ -d "$CGROUP" ] || break
    find "$CGROUP" -depth -type d -exec rmdir {} + 2>/dev/null
    [ -d "$CGROUP" ] && sleep 0.05
  done
  local mounts
  mounts=$(grep -c "$WORK" /proc/self/mountinfo)
  if [ -d "$CGROUP" ] || [ "$mounts" != 0 ]; then
    say "left behind: cgroup $CGROUP $([ -d "$CGROUP" ] && echo exists || echo gone), $mounts mounts"
    status=1
  fi
  rm -rf "$WORK"
  exit $status
}
trap teardown EXIT
trap 'say "error at line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT TERM

mkdir "$WORK/classes" "$WORK/base"
javac --release 17 -d "$WORK/classes" ExitServer.java
# join a cgroup of the test's own first, so that the new cgroup namespace is rooted there
mkdir "$CGROUP"
SYSTEMD_TEST_BASE="$WORK/base" SYSTEMD_TEST_CLASSES="$WORK/classes" \
  setsid bash -c 'echo $$ > "$1/cgroup.procs" && exec unshare --cgroup --mount --uts --ipc --net --pid --fork \
    --kill-child --propagation private -- /bin/bash "$2"' _ "$CGROUP" "$PWD/boot.sh" \
  > "$WORK/console.log" 2>&1 < /dev/null &
LAUNCHER=$!
for _ in $(seq 200); do
  INIT=$(ps -o pid= --ppid "$LAUNCHER" | tr -d ' ' | head -1) || true
  [ -n "$INIT" ] && break
  sleep 0.05
done
[ -n "$INIT" ] || fail "the container's PID 1 did not appear"

inside() { nsenter --target "$INIT" --mount --uts --ipc --net --pid --cgroup --root --wd \
  env SYSTEMD_PAGER=cat SYSTEMD_COLORS=0 "$@"; }
innet() { nsenter --target "$INIT" --net "$@"; }
show() { inside systemctl show "$UNIT" -p "$1" --value; }
journal() { inside journalctl -b -u "$UNIT" --no-pager -o cat; }

for _ in $(seq $((TIMEOUT * 10))); do
  [ -S "/proc/$INIT/root/run/systemd/private" ] && break
  [ -d "/proc/$INIT" ] || { cat "$WORK/console.log"; fail "the container ended while booting"; }
  sleep 0.1
done
state=$(timeout "$TIMEOUT" nsenter --target "$INIT" --mount --uts --ipc --net --pid --cgroup --root --wd \
  systemctl is-system-running --wait 2>&1) || true
say "systemd is up: $state"

accepts() { innet bash -c "exec 3<>/dev/tcp/$1/$PORT" 2>/dev/null; }
await_port() {
  for _ in $(seq $((TIMEOUT * 10))); do
    accepts 127.0.0.1 && return 0
    inside systemctl is-failed --quiet "$UNIT" && break
    sleep 0.1
  done
  journal | tail -40
  fail "$1: nothing accepts on port $PORT"
}

say "1. systemctl start $UNIT"
inside systemctl start "$UNIT" || { journal | tail -40; fail "the unit did not start"; }
await_port "the server"
reply=$(innet timeout 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT; printf 'HELO systemd\r\n' >&3; \
  IFS= read -r line <&3; printf '%s' \"\$line\"")
[ "$reply" = $'Hello systemd, pleased to meet you.\r' ] || fail "the reply to HELO was: $reply"
accepts ::1 || fail "the server does not accept over IPv6 ([::1]:$PORT)"
main=$(head -1 "$CGROUP/system.slice/$UNIT/cgroup.procs")
grep -E '^(Uid|NoNewPrivs|CapEff|CapBnd|Seccomp):' "/proc/$main/status"
[ "$(awk '/^Uid:/ {print $2}' "/proc/$main/status")" != 0 ] || fail "the server runs as root"
grep -q '^CapEff:[[:space:]]*0000000000000000$' "/proc/$main/status" || fail "the server has capabilities"
grep -q '^Seccomp:[[:space:]]*2$' "/proc/$main/status" || fail "the server runs without a system call filter"
say "   serves HELO on 127.0.0.1 and ::1 as an unprivileged user without capabilities, under seccomp"

say "2. systemd-analyze security $UNIT"
exposure=$(inside systemd-analyze security "$UNIT" --no-pager | tail -1)
say "   $exposure"
[[ "$exposure" =~ :\ ([0-9.]+) ]] || fail "no exposure level"
awk -v e="${BASH_REMATCH[1]}" 'BEGIN { exit !(e <= 2.0) }' || fail "exposure ${BASH_REMATCH[1]} is above 2.0"

say "3. systemctl stop $UNIT"
inside systemctl stop "$UNIT"
[ "$(show Result)" = success ] || { journal | tail -20; fail "the stop ended with $(show Result)"; }
journal | grep -q 'INFO  stopped (' || { journal | tail -20; fail "no summary line after the drain"; }

say "4. exit status 3, then a restart by systemd (a stand-in with the unit's JVM options and sandbox)"
mkdir -p "/proc/$INIT/root/etc/systemd/system/$UNIT.d"
printf '[Service]\nExecStart=\nExecStart=/usr/bin/java $HELO_JAVA_OPTS -cp /opt/systemd-test ExitServer %s\n' \
  "$PORT" > "/proc/$INIT/root/etc/systemd/system/$UNIT.d/stand-in.conf"
inside systemctl daemon-reload
inside systemctl start "$UNIT"
await_port "the stand-in"
before=$(show MainPID)
restarts=$(show NRestarts)
innet timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT; printf 'OOM\n' >&3" || true
for _ in $(seq $((TIMEOUT * 10))); do
  [ "$(show NRestarts)" -gt "$restarts" ] && [ "$(show ActiveState)" = active ] && break
  sleep 0.1
done
[ "$(show NRestarts)" -gt "$restarts" ] || { journal | tail -20; fail "systemd did not restart it"; }
await_port "the restarted stand-in"
[ "$(show MainPID)" != "$before" ] || fail "the same process after a restart"
inside journalctl -b -u "$UNIT" --no-pager | grep -q 'Main process exited, code=exited, status=3/' \
  || fail "the journal does not say it exited with status 3"
say "   exited with status 3 and was started again (restarts: $(show NRestarts))"
say "PASS"
