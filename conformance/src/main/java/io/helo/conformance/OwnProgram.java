package io.helo.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The program a student checks with {@code server} or {@code client}, in the current folder: started as it is, or,
 * with {@code --sandbox bwrap}, from a copy of the folder in a sandbox, the checker having first moved itself into a
 * {@link Pod} (it runs again there, with the same arguments, and its status is the checker's).
 */
final class OwnProgram implements AutoCloseable {
    private final Launcher launcher;
    private final Path work;

    private OwnProgram(Launcher launcher, Path work) {
        this.launcher = launcher;
        this.work = work;
    }

    /**
     * Runs the checker again in a pod, if {@code kind} is a sandbox and this is not in one yet, able to write
     * {@code reports}; its exit status, or null to go on here.
     */
    static Integer inPod(Sandbox.Kind kind, Limits limits, CommandSpec spec, List<Path> reports, PrintWriter out,
            PrintWriter err) {
        if (kind != Sandbox.Kind.BWRAP || Pod.inside()) {
            return null;
        }
        String why = Pod.unavailable(limits);
        if (why != null) {
            err.println(ConformanceMain.name() + ": cannot make a sandbox: " + why + "; install bubblewrap 0.7 or newer where user"
                    + " namespaces are allowed, or run without --sandbox");
            return ConformanceMain.UNUSABLE;
        }
        List<Path> writable = new ArrayList<>();
        for (Path report : reports) {
            Path parent = report.toAbsolutePath().getParent();
            if (parent != null && !writable.contains(parent)) {
                writable.add(parent);
            }
        }
        try {
            Process pod = new ProcessBuilder(Pod.command(spec.commandLine().getParseResult().originalArgs(),
                    limits.diskBytes(), List.of(Path.of("")), writable)).redirectInput(ProcessBuilder.Redirect.from(Processes.nothing()))
                    .start();
            Thread copyErr = copy(pod.getErrorStream(), err);
            copy(pod.getInputStream(), out).join();
            copyErr.join();
            return pod.waitFor();
        } catch (IOException e) {
            err.println(ConformanceMain.name() + ": cannot make a sandbox: " + e.getMessage());
            return ConformanceMain.UNUSABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConformanceMain.UNUSABLE;
        }
    }

    /** Copies what {@code from} says to {@code to}, on a thread of its own, until it ends. */
    private static Thread copy(InputStream from, PrintWriter to) {
        Thread thread = new Thread(() -> {
            try (Reader in = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                in.transferTo(to);
            } catch (IOException e) {
                // the pod ended
            }
            to.flush();
        }, "pod-output");
        thread.start();
        return thread;
    }

    /** The current folder's program, run as {@code sandbox} says. */
    static OwnProgram here(Sandbox sandbox) throws IOException {
        Path folder = Path.of("").toAbsolutePath();
        if (sandbox.kind() == Sandbox.Kind.NONE) {
            return new OwnProgram(Sandbox.plainIn(folder), null);
        }
        Path work = Files.createTempDirectory("helo-own-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
        try {
            Path copy = work.resolve("folder");
            WorkCopy.copy(folder, copy, sandbox.limits().diskBytes());
            return new OwnProgram(sandbox.launcher(copy, copy, WorkCopy.folder(work.resolve("tmp"))), work);
        } catch (IOException e) {
            WorkCopy.delete(work);
            throw new IOException("cannot copy " + folder + " into the sandbox: " + e.getMessage(), e);
        }
    }

    /** How to start it. */
    Launcher launcher() {
        return launcher;
    }

    /** Deletes the copy, if there is one. */
    @Override
    public void close() {
        if (work != null) {
            WorkCopy.delete(work);
        }
    }
}
