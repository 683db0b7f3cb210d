package io.helo.server.ops;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Ends the process at once on a fatal error of the JVM (out of memory, stack overflow, an internal error), with one
 * line on standard error and exit status 3, as {@code -XX:+ExitOnOutOfMemoryError} does: a server that lost a
 * thread to such an error would live on without answering anyone, where a supervisor restarts one that exits.
 */
public final class FatalErrors {
    /** The exit status after a fatal error. */
    public static final int EXIT_STATUS = 3;

    private static final byte[] OUT_OF_MEMORY =
            "server: fatal: out of memory; exiting with status 3\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER = "server: fatal JVM error; exiting with status 3\n".getBytes(StandardCharsets.US_ASCII);
    private static final FileOutputStream STDERR = new FileOutputStream(FileDescriptor.err);

    private FatalErrors() {
    }

    /** Makes a fatal error that escapes any thread end the process. */
    public static void install() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            haltIfFatal(error);
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                error.printStackTrace();
            }
        });
    }

    /** Ends the process if {@code error}, or what caused it, is a fatal error of the JVM. */
    public static void haltIfFatal(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof VirtualMachineError) {
                halt(cause instanceof OutOfMemoryError ? OUT_OF_MEMORY : OTHER);
            }
        }
    }

    /** Runs {@code task}, ending the process on a fatal error: for scheduled tasks, whose futures keep errors. */
    public static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (VirtualMachineError e) {
                haltIfFatal(e);
            }
        };
    }

    private static void halt(byte[] line) {
        try {
            STDERR.write(line); // prepared in advance: nothing is allocated to say it
        } catch (IOException | RuntimeException ignored) {
            // nowhere to say it: exit all the same
        }
        Runtime.getRuntime().halt(EXIT_STATUS);
    }
}
