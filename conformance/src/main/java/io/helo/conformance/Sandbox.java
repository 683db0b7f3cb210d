package io.helo.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the programs under test are started. With {@link Kind#BWRAP} every run (a build, a server, a client) is a
 * bubblewrap sandbox of its own: new user, PID, IPC, UTS and cgroup namespaces, in the network namespace of the
 * {@link Pod} where the checker's case runner is; a read-only view of the system ({@code /usr}, {@code /etc},
 * {@code /opt} and the checker's JDK, nothing else); the submission's private copy at {@value #INSIDE} and a
 * temporary folder of its own at {@code /tmp}, both writable, both in the pod's size-limited memory file system
 * (besides, 16 MiB of {@code /dev/shm}; everything else read-only); no
 * capabilities, no further user namespaces, a session of its own, the OOM killer's first choice, and the
 * {@link Limits} set with prlimit inside. When the checker runs as root the sandbox is made as the unprivileged user
 * {@value #UNPRIVILEGED}, so that the process limit holds and no file of root's is its own. Destroying the sandbox's
 * bwrap process ends everything in it, daemons included: the kernel ends a PID namespace with its first process.
 */
public final class Sandbox {
    /** Where a submission's copy appears inside its sandbox. */
    public static final String INSIDE = "/submission";
    /** The user the programs run as when the checker runs as root ({@code nobody} on most systems). */
    public static final int UNPRIVILEGED = 65534;
    /** The room of {@code /dev/shm}, which POSIX shared memory and semaphores need (Python's multiprocessing). */
    static final long SHARED_MEMORY = 16 << 20;
    private static final String PATH = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";
    private static final List<String> SYSTEM = List.of("/usr", "/etc", "/opt");
    private static final List<String> MERGED = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

    /** The kinds of sandbox. */
    public enum Kind {
        /** A bubblewrap sandbox per program run. */
        BWRAP,
        /** A plain process, for platforms that already isolate each submission. */
        NONE
    }

    private final Kind kind;
    private final Limits limits;

    /** A sandbox of {@code kind} with {@code limits} (which a plain process does not get). */
    public Sandbox(Kind kind, Limits limits) {
        this.kind = kind;
        this.limits = limits;
    }

    /** What kind of sandbox this is. */
    public Kind kind() {
        return kind;
    }

    /** Its limits. */
    public Limits limits() {
        return limits;
    }

    /**
     * A launcher of programs in {@code folder} of the submission's copy at {@code copy}, with {@code tmp} as their
     * temporary folder (both the checker's paths; in the sandbox the copy is at {@value #INSIDE}).
     */
    public Launcher launcher(Path copy, Path folder, Path tmp) {
        if (kind == Kind.NONE) {
            return plainIn(folder);
        }
        return (command, environment) -> new SandboxedProcess(new ProcessBuilder(command(command, copy, folder, tmp,
                environment)).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Processes.nothing())).start());
    }

    /** The programs socat is looked for in, as the sandbox's {@code PATH} has them. */
    static final List<String> SYSTEM_PATH = List.of(PATH.split(":"));
    /** Where the folder of the checker's relay socket appears in a relayed sandbox. */
    static final String RELAY = "/relay";

    /**
     * A launcher as {@link #launcher}, but of programs in a network of their own, where {@code port} is the relay's:
     * socat listens there on every address (IPv4, and IPv6 where there is one) and passes each connection to the
     * Unix-domain socket {@code relay} (its folder bound read-only at {@value #RELAY}), the checker's recording relay, which
     * reaches the checker's network; the program starts once socat listens. Socat is the checker's, but runs in the
     * program's sandbox, under its limits: a program that stops it only ends its own session. Only for
     * {@link Kind#BWRAP}.
     */
    Launcher relayed(Path copy, Path folder, Path tmp, Path relay, int port) {
        return (command, environment) -> new SandboxedProcess(new ProcessBuilder(command(relayed(command,
                RELAY + "/" + relay.getFileName(), port), copy, folder, tmp, environment, relay.getParent()))
                .directory(tmp.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Processes.nothing())).start());
    }

    /** {@code command} behind the relay's end, as {@link #relayed} describes. */
    static List<String> relayed(List<String> command, String socket, int port) {
        boolean ipv6 = Files.exists(Path.of("/proc/net/if_inet6"));
        String listen = (ipv6 ? "TCP6-LISTEN:" + port + ",ipv6only=0" : "TCP4-LISTEN:" + port)
                + ",reuseaddr,fork,max-children=" + WireRelay.RELAYED;
        // the listening socket in the kernel's table: local address all zeros, port in hex, state 0A (LISTEN)
        String listening = ":" + String.format("%04X", port) + " 0*:0000 0A ";
        String script = "socat -t 30 " + listen + " UNIX-CONNECT:\"$1\" & n=0; until grep -q '" + listening + "' "
                + (ipv6 ? "/proc/net/tcp6" : "/proc/net/tcp") + "; do n=$((n+1)); if [ $n -gt 1000 ]; then"
                + " echo 'the relay did not listen' >&2; exit 125; fi; sleep 0.01; done; shift; exec \"$@\"";
        List<String> line = new ArrayList<>(List.of("sh", "-c", script, "sh", socket));
        line.addAll(command);
        return line;
    }

    /** A launcher of plain processes in {@code folder}, as the checker has always started them. */
    public static Launcher plainIn(Path folder) {
        return (command, environment) -> plain(command, folder, environment).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Processes.nothing())).start();
    }

    /** The bubblewrap command line that runs {@code command} as {@link #launcher} describes. */
    List<String> command(List<String> command, Path copy, Path folder, Path tmp, Map<String, String> environment) {
        return command(command, copy, folder, tmp, environment, null);
    }

    /** As the other {@code command}; with {@code relay} not null, in a network of its own, {@code relay} at {@value #RELAY}. */
    private List<String> command(List<String> command, Path copy, Path folder, Path tmp, Map<String, String> environment,
            Path relay) {
        List<String> line = new ArrayList<>();
        if (runsAsRoot()) {
            line.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED, "--regid=" + UNPRIVILEGED, "--clear-groups",
                    "--inh-caps=-all", "--no-new-privs", "--"));
        }
        line.addAll(List.of("bwrap", "--unshare-all"));
        if (relay == null) {
            line.add("--share-net");
        }
        line.addAll(List.of("--unshare-user", "--disable-userns", "--die-with-parent", "--new-session"));
        for (String system : SYSTEM) {
            line.addAll(List.of("--ro-bind-try", system, system));
        }
        for (String merged : MERGED) {
            Path path = Path.of(merged);
            if (Files.isSymbolicLink(path)) {
                line.addAll(List.of("--symlink", readLink(path), merged));
            } else {
                line.addAll(List.of("--ro-bind-try", merged, merged));
            }
        }
        String jdk = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize().toString();
        if (SYSTEM.stream().noneMatch(s -> jdk.startsWith(s + "/"))) {
            line.addAll(List.of("--ro-bind", jdk, jdk));
        }
        line.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--size", String.valueOf(SHARED_MEMORY), "--tmpfs",
                "/dev/shm", "--remount-ro", "/dev", "--bind", tmp.toString(), "/tmp", "--bind", copy.toString(), INSIDE));
        if (relay != null) {
            line.addAll(List.of("--ro-bind", relay.toString(), RELAY)); // a socket connects on a read-only mount
        }
        line.addAll(List.of(
                // bubblewrap's root is a memory file system of its own: nothing may be written there
                "--remount-ro", "/", "--chdir", inside(copy, folder), "--clearenv"));
        Map<String, String> env = new TreeMap<>(environment);
        env.put("PATH", jdk + "/bin:" + PATH);
        env.put("HOME", "/tmp");
        env.put("TMPDIR", "/tmp");
        env.put("LANG", "C.UTF-8");
        String zone = System.getenv("TZ");
        if (zone != null) {
            env.put("TZ", zone); // REQTIME is graded in the checker's zone
        }
        env.forEach((name, value) -> line.addAll(List.of("--setenv", name, value)));
        line.addAll(List.of("--", "choom", "-n", "1000", "--", "prlimit"));
        line.addAll(limits.prlimitOptions());
        line.add("--");
        line.addAll(command);
        return line;
    }

    /** True if the checker runs as root: then the sandboxes are made as {@value #UNPRIVILEGED}. */
    static boolean runsAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Makes {@code path} the sandbox user's, when the checker runs as root (the sandbox must write its copy). */
    static void own(Path path) throws IOException {
        if (runsAsRoot()) {
            Files.setAttribute(path, "unix:uid", UNPRIVILEGED, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", UNPRIVILEGED, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static ProcessBuilder plain(List<String> command, Path folder, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().putAll(environment);
        return builder;
    }

    private static String inside(Path copy, Path folder) {
        String relative = copy.relativize(folder).toString();
        return relative.isEmpty() ? INSIDE : INSIDE + "/" + relative;
    }

    private static String readLink(Path path) {
        try {
            return Files.readSymbolicLink(path).toString();
        } catch (IOException e) {
            return path.toString();
        }
    }
}
