package io.helo.client;

import io.helo.codec.Request;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the name this machine goes by, for HELO, falling back to {@code localhost}. */
final class LocalHostname {
    static final String FALLBACK = "localhost";

    private LocalHostname() {
    }

    /** The kernel's hostname, else the environment's, else the resolver's, else {@code localhost}. */
    static String find() {
        String name = valid(readKernelHostname());
        if (name == null) {
            name = valid(System.getenv("HOSTNAME"));
        }
        if (name == null) {
            name = valid(System.getenv("COMPUTERNAME"));
        }
        if (name == null) {
            try {
                // last: on a machine without a usable resolver this can be slow
                name = valid(InetAddress.getLocalHost().getHostName());
            } catch (IOException e) {
                name = null;
            }
        }
        return name == null ? FALLBACK : name;
    }

    /** {@code candidate} trimmed if it is a valid HELO argument, else {@code null}. */
    static String valid(String candidate) {
        if (candidate == null || candidate.isBlank() || candidate.length() > 253) {
            return null;
        }
        try {
            return new Request.Helo(candidate.trim()).hostname();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String readKernelHostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null; // not Linux
        }
    }
}
