package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path folder;

    @Test
    void shouldReplaceTheFileWholeAndLeaveNothingElseBehind() throws Exception {
        Path report = folder.resolve("index.html");
        Files.writeString(report, "old");

        AtomicFiles.write(report, "new");

        assertThat(report).hasContent("new");
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(report);
        }
    }

    @Test
    void shouldGiveTheFileTheModeAnyOtherFileTheCheckerWritesGets() throws Exception {
        Path plain = Files.writeString(folder.resolve("plain.txt"), "made as the umask says");

        AtomicFiles.write(folder.resolve("index.html"), "<html>");

        assertThat(Files.getPosixFilePermissions(folder.resolve("index.html")))
                .isEqualTo(Files.getPosixFilePermissions(plain));
    }
}
