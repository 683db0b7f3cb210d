package io.helo.server.transport;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.OptionalLong;

/** The process's open-file limit and use, where the platform tells them (Unix). */
public final class FileDescriptors {
    private FileDescriptors() {
    }

    /**
     * How many more descriptors the process may open now, if known.
     *
     * @return the open-file limit less the descriptors open now, or empty where the platform does not tell
     */
    public static OptionalLong available() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            return OptionalLong.of(Math.max(0, unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount()));
        }
        return OptionalLong.empty();
    }

    /**
     * The process's open-file limit, if known.
     *
     * @return the limit, or empty where the platform does not tell
     */
    public static OptionalLong limit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? OptionalLong.of(unix.getMaxFileDescriptorCount())
                : OptionalLong.empty();
    }
}
