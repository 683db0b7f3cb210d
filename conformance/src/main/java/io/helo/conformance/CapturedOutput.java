package io.helo.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A program's standard output and error, drained as they come so that it never blocks on them: the first octets up to
 * a cap kept in a file (if there is one), the rest counted and dropped, and the last few KiB kept for reports. It
 * holds no more than {@value #TAIL} octets in memory, however much the program writes.
 */
final class CapturedOutput {
    /** Octets of the end of the output kept in memory, for a report's "its last output". */
    static final int TAIL = 4096;

    private final byte[] tail = new byte[TAIL];
    private final CountDownLatch drained = new CountDownLatch(1);
    private long total;
    private long kept;

    private CapturedOutput() {
    }

    /**
     * Drains {@code from} on a thread of its own until it ends (every writer gone), keeping its first {@code cap}
     * octets in {@code file} (none: count only), and a note of what was dropped at the end of the file.
     */
    static CapturedOutput drain(InputStream from, Path file, long cap, String name) {
        CapturedOutput output = new CapturedOutput();
        Thread thread = new Thread(() -> output.copy(from, file, cap), "output-" + name);
        thread.setDaemon(true);
        thread.start();
        return output;
    }

    /** Waits up to {@code within} for the output to end; true if it did. */
    boolean awaitEnd(Duration within) throws InterruptedException {
        return drained.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last octets written (at most {@value #TAIL}), as text. */
    synchronized String tail() {
        int length = (int) Math.min(total, TAIL);
        byte[] last = new byte[length];
        for (int i = 0; i < length; i++) {
            last[i] = tail[(int) ((total - length + i) % TAIL)];
        }
        return new String(last, StandardCharsets.UTF_8);
    }

    /** How many octets were written in all. */
    synchronized long total() {
        return total;
    }

    /** How many octets were dropped past the cap. */
    synchronized long dropped() {
        return total - kept;
    }

    private void copy(InputStream from, Path file, long cap) {
        byte[] chunk = new byte[65536];
        OutputStream out = OutputStream.nullOutputStream();
        try (InputStream in = from) {
            out = file == null ? out : Files.newOutputStream(file);
            for (int n; (n = in.read(chunk)) >= 0; ) {
                int keep = (int) Math.max(0, Math.min(n, cap - kept));
                out = write(out, chunk, keep);
                record(chunk, n, keep);
            }
        } catch (IOException e) {
            // the pipe broke with the program's end, or the file could not be made: what was kept stays
        } finally {
            if (dropped() > 0) {
                byte[] note = ("\n[conformance: " + dropped() + " more octets of output dropped past the cap of " + cap
                        + "]\n").getBytes(StandardCharsets.UTF_8);
                out = write(out, note, note.length);
            }
            try {
                out.close();
            } catch (IOException e) {
                // what was written stays
            }
            drained.countDown();
        }
    }

    /** Writes {@code count} octets; after a write error (a full disk) goes on with nothing, costing the log only. */
    private static OutputStream write(OutputStream out, byte[] octets, int count) {
        try {
            out.write(octets, 0, count);
            return out;
        } catch (IOException e) {
            return OutputStream.nullOutputStream();
        }
    }

    private synchronized void record(byte[] chunk, int n, int keep) {
        for (int i = Math.max(0, n - TAIL); i < n; i++) {
            tail[(int) ((total + i) % TAIL)] = chunk[i];
        }
        total += n;
        kept += keep;
    }
}
