package io.helo.conformance;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Where one submission is graded: the checker's own case runner (a JVM of the checker) in a network namespace of its
 * own, made with bubblewrap, whose only interface is a loopback with 127.0.0.1 and ::1. The submission's sandboxes
 * are made inside it and share that network namespace, and nothing else: the case runner's probes and played server
 * reach the submission's programs on their own loopback (port 8008 is free in every pod, so pods run side by side),
 * while the programs cannot see, signal or trace the case runner, which is outside their PID namespaces. The pod
 * sees the system read-only, except its own memory-backed {@code /tmp} (of the submission's {@code --disk} size,
 * holding its copy; gone with the pod) and the folders the checker lets it write (the submission's report folder).
 * The host's {@code /tmp} is hidden, save what the pod needs from it, bound back: the submission (read-only), the
 * checker's own class path and JDK (read-only), the report folder (writable). It ends with the checker, and takes
 * its sandboxes along.
 */
public final class Pod {
    /** Set in the case runner's environment: it is in a pod already. */
    static final String MARK = "HELO_CONFORMANCE_POD";
    /** The case runner's heap: what it holds is bounded (replies, output tails, reports). */
    static final String HEAP = "-Xmx128m";
    /** The host's folder the pod's own temporary folder hides. */
    private static final Path HIDDEN = Path.of("/tmp");

    private Pod() {
    }

    /** True inside a pod. */
    static boolean inside() {
        return System.getenv(MARK) != null;
    }

    /**
     * The command line that runs the checker with {@code arguments} in a new pod whose {@code /tmp} holds
     * {@code diskBytes}, able to read {@code readable} (wherever they are) and write {@code writable} besides.
     */
    static List<String> command(List<String> arguments, long diskBytes, List<Path> readable, List<Path> writable) {
        List<String> line = around(diskBytes, readable, writable);
        line.addAll(jvm());
        line.addAll(arguments);
        return line;
    }

    /** The checker run as a plain process (no pod), for {@code --sandbox none}. */
    static List<String> plain(List<String> arguments) {
        List<String> line = new ArrayList<>(jvm());
        line.addAll(arguments);
        return line;
    }

    /**
     * Why submissions cannot be sandboxed here (bubblewrap missing, too old, or not allowed to make namespaces), in
     * bubblewrap's words, or null if a pod and a sandbox in it can be made.
     */
    static String unavailable(Limits limits) {
        Sandbox sandbox = new Sandbox(Sandbox.Kind.BWRAP, limits);
        Path tmp = Path.of("/tmp");
        List<String> probe = around(limits.diskBytes(), List.of(), List.of());
        probe.addAll(sandbox.command(List.of("true"), tmp, tmp, tmp, Map.of()));
        try {
            Process process = new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Processes.nothing())).start();
            byte[] said = process.getInputStream().readNBytes(4096);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "bubblewrap did not make a sandbox within 30 s";
            }
            String first = new String(said, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            return process.exitValue() == 0 ? null : first.isEmpty() ? "bwrap exited with status "
                    + process.exitValue() : first;
        } catch (IOException e) {
            return "bwrap cannot be run (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static List<String> around(long diskBytes, List<Path> readable, List<Path> writable) {
        List<String> line = new ArrayList<>(List.of("bwrap", "--ro-bind", "/", "/",
                // the host's /proc again, writable: a sandbox inside may mount a /proc of its own only where a
                // fully visible one is (bubblewrap's own /proc has read-only parts bound over it)
                "--bind", "/proc", "/proc", "--dev", "/dev", "--size", String.valueOf(diskBytes), "--tmpfs",
                HIDDEN.toString()));
        List<Path> own = new ArrayList<>(readable);
        own.add(Path.of(System.getProperty("java.home")));
        own.addAll(classPath());
        for (Path path : own) {
            Path absolute = path.toAbsolutePath().normalize();
            if (absolute.startsWith(HIDDEN)) { // the rest of the system is there already, read-only
                line.addAll(List.of("--ro-bind-try", absolute.toString(), absolute.toString()));
            }
        }
        for (Path folder : writable) {
            String path = folder.toAbsolutePath().normalize().toString();
            line.addAll(List.of("--bind", path, path));
        }
        line.addAll(List.of("--unshare-net", "--die-with-parent", "--new-session", "--setenv", MARK, "1", "--"));
        return line;
    }

    /**
     * The checker's class path, with what the manifests of its jars add (a test runner's class path is often one jar
     * naming the others), for the pod to see wherever they are.
     */
    static List<Path> classPath() {
        List<Path> paths = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            paths.add(path);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(path)) {
                continue;
            }
            try (JarFile jar = new JarFile(path.toFile())) {
                Manifest manifest = jar.getManifest();
                String more = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                for (String url : more == null ? new String[0] : more.trim().split("\\s+")) {
                    paths.add(Path.of(path.getParent().toUri().resolve(url)));
                }
            } catch (IOException | IllegalArgumentException e) {
                // a jar that cannot be read names nothing more
            }
        }
        return paths;
    }

    private static List<String> jvm() {
        String classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .map(p -> Path.of(p).toAbsolutePath().toString()).reduce((a, b) -> a + File.pathSeparator + b)
                .orElse("");
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xss512k", "-cp", classPath,
                ConformanceMain.class.getName());
    }
}
