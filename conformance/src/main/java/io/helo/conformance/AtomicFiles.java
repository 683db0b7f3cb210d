package io.helo.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Files written whole or not at all: to a temporary file beside the target, then renamed over it. The temporary file
 * is made as any other file the checker writes, its mode from the umask: one from {@code Files.createTempFile} is
 * readable by its owner only, which the rename would pass on to a report meant to be shared.
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code text} (UTF-8) to {@code file}: a reader sees the old file or the new one, never a part. */
    static void write(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
