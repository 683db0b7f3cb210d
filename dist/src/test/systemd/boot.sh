#!/bin/bash
# PID 1 of the namespaces systemd-test.sh makes: builds a root file system, an overlay whose lower layer is the
# host's root (where the package is installed), then becomes the host's systemd, booting a minimal target.
set -euo pipefail
B=$SYSTEMD_TEST_BASE
mount -t tmpfs -o mode=0755,size=1g systemd-test-rw "$B"
mkdir -p "$B/upper" "$B/work" "$B/root"
# the host's / read-only underneath; writes in the container go to the tmpfs (systemd-nspawn refuses / itself)
mount -t overlay systemd-test-root -o "lowerdir=/,upperdir=$B/upper,workdir=$B/work" "$B/root"
R=$B/root
mount -t proc -o nosuid,nodev,noexec proc "$R/proc"
for p in sys sysrq-trigger; do # the kernel's settings are the host's: read-only
  [ -e "$R/proc/$p" ] || continue
  mount --bind "$R/proc/$p" "$R/proc/$p"
  mount -o remount,bind,ro "$R/proc/$p"
done
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$R/sys"
mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 "$R/sys/fs/cgroup" # rooted at the test's own cgroup
mount -t tmpfs -o mode=0755,nosuid,size=4m tmpfs "$R/dev"
mknod -m 666 "$R/dev/null" c 1 3
mknod -m 666 "$R/dev/zero" c 1 5
mknod -m 666 "$R/dev/full" c 1 7
mknod -m 666 "$R/dev/random" c 1 8
mknod -m 666 "$R/dev/urandom" c 1 9
mknod -m 666 "$R/dev/tty" c 5 0
mkdir -m 755 "$R/dev/pts"
mkdir -m 1777 "$R/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "$R/dev/pts"
ln -s pts/ptmx "$R/dev/ptmx"
ln -s /proc/self/fd "$R/dev/fd"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$R/dev/shm"
mount -t tmpfs -o mode=0755,nosuid,nodev,size=64m tmpfs "$R/run"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$R/tmp"

# an identity of its own, a boot target that starts nothing of the host's, and no unit that would touch the
# kernel the host shares
tr -d - < /proc/sys/kernel/random/uuid > "$R/etc/machine-id"
echo systemd-test > "$R/etc/hostname"
S=$R/etc/systemd/system
rm -rf "$S"/*.wants "$S"/*.requires
printf '[Unit]\nDescription=systemd-test\nRequires=sysinit.target\nAfter=sysinit.target\n' > "$S/systemd-test.target"
for unit in systemd-modules-load.service kmod-static-nodes.service systemd-binfmt.service \
  proc-sys-fs-binfmt_misc.automount systemd-pstore.service systemd-timesyncd.service systemd-udevd.service \
  systemd-udev-trigger.service systemd-udev-settle.service systemd-hwdb-update.service \
  systemd-random-seed.service systemd-firstboot.service systemd-repart.service sys-kernel-debug.mount \
  sys-kernel-tracing.mount sys-kernel-config.mount sys-fs-fuse-connections.mount dev-hugepages.mount \
  systemd-journal-flush.service ldconfig.service systemd-update-done.service; do
  ln -sf /dev/null "$S/$unit"
done
mkdir -p "$R/opt/systemd-test"
cp "$SYSTEMD_TEST_CLASSES"/*.class "$R/opt/systemd-test/"
chmod -R a+rX "$R/opt/systemd-test"

cd "$R"
mkdir -p .old-root
pivot_root . .old-root
cd /
umount -l /.old-root
rmdir /.old-root
# nothing in here loads modules, sets the clock or does raw I/O
exec setpriv --bounding-set -sys_module,-sys_time,-wake_alarm,-sys_rawio,-syslog \
  env -i container=systemd-test PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  /lib/systemd/systemd --unit=systemd-test.target
