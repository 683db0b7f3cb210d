package io.helo.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A program's sandbox, as a process: its bubblewrap. Destroying it kills the sandbox's first process (its PID
 * namespace's init), and the kernel then kills every other process of the namespace. Bubblewrap ends as soon as the
 * program's own first process does, while the kernel may still be killing the rest: so {@link #waitFor} returns only
 * once no process is left in the namespace either, not a daemon, nor a socket still bound to the port the next
 * program needs.
 */
final class SandboxedProcess extends Process {
    /** How long bubblewrap may take to make the namespace, and the kernel to empty it. */
    private static final long SETTLE_NANOS = 5_000_000_000L;

    private final Process bubblewrap;
    private final ProcessHandle init;
    private final Path namespace;

    SandboxedProcess(Process bubblewrap) {
        this.bubblewrap = bubblewrap;
        ProcessHandle first = null;
        Path link = null;
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (first == null && bubblewrap.isAlive() && System.nanoTime() < deadline) {
            first = bubblewrap.children().findFirst().orElse(null);
            link = first == null ? null : namespaceOf(first.pid());
            if (first == null || link == null) {
                first = null;
                if (!pause()) {
                    break;
                }
            }
        }
        this.init = first;
        this.namespace = link;
    }

    @Override
    public OutputStream getOutputStream() {
        return bubblewrap.getOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return bubblewrap.getInputStream();
    }

    @Override
    public InputStream getErrorStream() {
        return bubblewrap.getErrorStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
        int status = bubblewrap.waitFor();
        awaitEmpty(System.nanoTime() + SETTLE_NANOS);
        return status;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        return bubblewrap.waitFor(timeout, unit) && awaitEmpty(Math.max(deadline, System.nanoTime() + SETTLE_NANOS));
    }

    @Override
    public int exitValue() {
        return bubblewrap.exitValue();
    }

    /** Kills the sandbox's first process, and with it every process in the sandbox; bubblewrap then ends. */
    @Override
    public void destroy() {
        if (init != null) {
            init.destroyForcibly();
        }
        bubblewrap.destroyForcibly(); // the first process is its only child: it dies with it, as bubblewrap's parent
    }

    /** As {@link #destroy}: a sandbox is always ended at once. */
    @Override
    public Process destroyForcibly() {
        destroy();
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return false;
    }

    @Override
    public boolean isAlive() {
        return bubblewrap.isAlive();
    }

    @Override
    public long pid() {
        return bubblewrap.pid();
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return bubblewrap.onExit().thenApply(p -> this);
    }

    @Override
    public ProcessHandle toHandle() {
        return bubblewrap.toHandle();
    }

    @Override
    public Stream<ProcessHandle> children() {
        return bubblewrap.children();
    }

    @Override
    public Stream<ProcessHandle> descendants() {
        return bubblewrap.descendants();
    }

    /**
     * Waits until no process is left in the sandbox's PID namespace (a zombie has none: it holds nothing), killing
     * what is; true if it emptied by {@code deadline}.
     */
    private boolean awaitEmpty(long deadline) throws InterruptedException {
        if (namespace == null) {
            return true; // it never got so far as to run anything
        }
        while (true) {
            List<ProcessHandle> left = inNamespace();
            if (left.isEmpty()) {
                return true;
            }
            left.forEach(ProcessHandle::destroyForcibly);
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10); // the kernel is killing them: milliseconds
        }
    }

    private List<ProcessHandle> inNamespace() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> namespace.equals(namespaceOf(Long.parseLong(p.getFileName().toString()))))
                    .map(p -> ProcessHandle.of(Long.parseLong(p.getFileName().toString())))
                    .flatMap(Optional::stream).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A millisecond while bubblewrap makes the namespace; false if interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(1);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path namespaceOf(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "ns", "pid"));
        } catch (IOException | UnsupportedOperationException gone) {
            return null; // gone, or a zombie
        }
    }
}
