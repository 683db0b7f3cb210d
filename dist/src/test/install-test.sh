#!/usr/bin/env bash
# Installs the built Debian package on this machine, checks it with lintian, serves and grades a session with
# the installed commands and the installed configuration, runs the installed unit under systemd
# (systemd/systemd-test.sh), then purges the package and checks that nothing is left.
# It changes the system it runs on: .ci/run runs it (as root) after the tests; run it yourself only on a
# machine you would install the package on anyway. Needs: dpkg, lintian, curl, bash-completion's folder.
set -euo pipefail
cd "$(dirname "$0")/../../.."
deb=$(ls dist/target/helo_*_all.deb)
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }
fail() { echo "install-test: $*" >&2; exit 1; }

# the system's files, less what changes by itself (logs, caches, dpkg's and apt's own records)
snapshot() {
  find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /tmp -o -path /var/tmp \
    -o -path /var/log -o -path /var/cache -o -path /var/lib/dpkg -o -path /var/lib/apt -o -path /root \
    -o -path /home -o -path /work -o -path "$PWD" \) -prune -o -print | sort
}

step "lintian"
lintian --fail-on error,warning --info "$deb"

step "dpkg -i $deb"
snapshot > "$work/before"
dpkg -i "$deb"
dpkg -L helo | sort

step "the installed commands, manual pages and completion"
for command in helo-server helo-client helo-conformance; do
  [ "$(command -v "$command")" = "/usr/bin/$command" ] || fail "$command is not on the PATH"
  "$command" --version
  man -w "$command" >/dev/null || fail "no manual page for $command"
  bash -c "source /usr/share/bash-completion/completions/$command && complete -p $command" >/dev/null \
    || fail "no bash completion for $command"
done
for command in helo-server helo-client helo-conformance; do # each names itself as installed, in its usage and its errors
  "$command" --help > "$work/help"
  head -1 "$work/help" | grep -q "^Usage: $command " || fail "$command --help does not say how it is called"
  ! "$command" --no-such-option 2> "$work/usage" && grep -q "^Try '$command --help'" "$work/usage" \
    || fail "$command does not name itself in a usage error"
done
man -P cat helo-server | grep -q -- '--max-connections' || fail "helo-server(1) does not list --max-connections"
systemd-analyze verify /lib/systemd/system/helo-server.service
exposure=$(systemd-analyze security --offline=true /lib/systemd/system/helo-server.service | tail -1)
echo "$exposure"
[[ "$exposure" =~ level\ for\ helo-server.service:\ ([0-9.]+) ]] || fail "no exposure level in: $exposure"
awk -v e="${BASH_REMATCH[1]}" 'BEGIN { exit !(e <= 2.0) }' || fail "exposure ${BASH_REMATCH[1]} is above 2.0"

step "helo-server @/etc/helo/server.conf, as the unit starts it, under an unprivileged user"
setpriv --reuid=nobody --regid=nogroup --clear-groups helo-server @/etc/helo/server.conf > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  grep -q 'listening on' "$work/server.log" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; fail "the server ended"; }
  sleep 0.1
done
grep -q 'listening on \*:8008' "$work/server.log" || { cat "$work/server.log"; fail "not listening on *:8008"; }

step "helo-client, then helo-conformance, against it; /health"
helo-client
helo-conformance server --skip-slow
[ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:9108/health)" = 200 ] || fail "/health is not 200"
kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=
cat "$work/server.log"
[ "$status" = 0 ] || fail "the server exited with status $status on SIGTERM"

step "helo-server.service under a real systemd, in namespaces of its own"
dist/src/test/systemd/systemd-test.sh

step "dpkg --purge helo"
dpkg --purge helo
snapshot > "$work/after"
if ! diff "$work/before" "$work/after"; then
  fail "the purge left the files above behind"
fi
echo "install-test: installed, served, graded and purged; nothing left behind"
