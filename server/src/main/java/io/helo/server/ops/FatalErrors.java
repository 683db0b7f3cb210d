package io.helo.server.ops;

import io.helo.server.Program;
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
            (Program.NAME + ": fatal: out of memory; exiting with status 3\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER =
            (Program.NAME + ": fatal JVM error; exiting with status 3\n").getBytes(StandardCharsets.US_ASCII);
    private static final FileOutputStream STDERR = new FileOutputStream(FileDescriptor.err);
    /** Memory given back the moment a fatal error is seen, so that saying so and exiting cannot fail for lack of it. */
    private static volatile byte[] reserve;

    private FatalErrors() {
    }

    /** Makes a fatal error that escapes any thread end the process. */
    public static void install() {
        reserve = new byte[1024 * 1024];
        try {
            STDERR.write(OTHER, 0, 0); // resolves the way out now, while there is memory to do it
        } catch (IOException ignored) {
            // standard error is closed: the exit status alone will tell
        }
        Thread.setDefaultUncaughtExceptionHandler(FatalErrors::uncaught);
    }

    private static void uncaught(Thread thread, Throwable error) {
        try {
            haltIfFatal(error);
            error.printStackTrace(); // a bug: the thread is lost, the server goes on
        } catch (Throwable failedToSayIt) {
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }

    /**
     * Ends the process if {@code error}, or what caused it, is a fatal error of the JVM.
     *
     * @param error the error to look at, with its causes
     */
    public static void haltIfFatal(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof VirtualMachineError) {
                reserve = null;
                halt(cause instanceof OutOfMemoryError ? OUT_OF_MEMORY : OTHER);
            }
        }
    }

    /**
     * Runs {@code task}, ending the process on a fatal error: for scheduled tasks, whose futures keep errors.
     *
     * @param task the task to run
     * @return a task that runs {@code task} and halts the process if it throws a fatal error
     */
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
        } catch (Throwable ignored) {
            // nowhere to say it: exit all the same
        } finally {
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
