package io.helo.conformance;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A submission's private, writable copy, made by the checker: folders, regular files (with their permissions, the
 * owner's read and write added) and symbolic links (as links: never followed, so a link to a file of the instructor's
 * copies nothing of it); other kinds of file (pipes, sockets, devices) are left out. The copy belongs to the
 * sandbox's user, and may hold at most a given number of octets.
 */
final class WorkCopy {
    private WorkCopy() {
    }

    /**
     * Copies {@code from} to {@code to} (which must not exist).
     *
     * @throws IOException if it cannot be copied, or holds more than {@code maxBytes}
     */
    static void copy(Path from, Path to, long maxBytes) throws IOException {
        long[] total = {0};
        Files.walkFileTree(from, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        Path target = to.resolve(from.relativize(dir).toString());
                        Files.createDirectory(target);
                        writable(target);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Path target = to.resolve(from.relativize(file).toString());
                        if (attrs.isSymbolicLink()) {
                            Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                            Sandbox.own(target);
                        } else if (attrs.isRegularFile()) {
                            total[0] += attrs.size();
                            if (total[0] > maxBytes) {
                                throw new IOException("it holds more than " + maxBytes / (1024 * 1024) + " MiB (--disk)");
                            }
                            Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                            writable(target);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    /** Makes a folder for the sandbox to write in, belonging to its user. */
    static Path folder(Path path) throws IOException {
        Files.createDirectories(path);
        writable(path);
        return path;
    }

    /** Deletes {@code tree}, links as links; what cannot be deleted is left. */
    static void delete(Path tree) {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the system's cleaning of its temporary folder
                }
            });
        } catch (IOException e) {
            // as above
        }
    }

    private static void writable(Path path) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        permissions.add(PosixFilePermission.OWNER_READ);
        permissions.add(PosixFilePermission.OWNER_WRITE);
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
        }
        Files.setPosixFilePermissions(path, permissions);
        Sandbox.own(path);
    }
}
