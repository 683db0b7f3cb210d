package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder names a batch gives submissions, whatever they are called, and the matrix's links to them. */
class SubmissionFoldersTest {
    @TempDir
    Path dir;

    @Test
    void shouldKeepPlainNamesAndMakeEveryOtherSafeAndDistinct() throws Exception {
        List<String> submissions = List.of("alice", "bob_2.v1", "Carol", "carol", "..", ".hidden", "-rf",
                "<img src=x onerror=alert(1)>", "=HYPERLINK(\"x\")", "a/b", "a_b", "zoë", "index.html", "Interop", "x".repeat(300),
                "x".repeat(300) + "y", "a\nb", "");

        Map<String, String> names = SubmissionFolders.names(submissions);

        assertThat(names.get("alice")).isEqualTo("alice");
        assertThat(names.get("bob_2.v1")).isEqualTo("bob_2.v1");
        assertThat(names.get("a_b")).as("a/b would make a_b too").startsWith("a_b-").hasSize(12);
        assertThat(names.get("Carol")).as("differs from carol only in case").startsWith("Carol-").hasSize(14);
        assertThat(names.get("<img src=x onerror=alert(1)>")).isEqualTo("_img_src_x_onerror_alert_1__-"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("<img src=x onerror=alert(1)>"
                        .getBytes(StandardCharsets.UTF_8))).substring(0, 8));
        Set<String> folded = new HashSet<>();
        for (String name : names.values()) {
            assertThat(name).matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,60}(-[0-9a-f]{8}|-[0-9a-f]{64})?")
                    .isNotEqualTo("index.html").isNotEqualToIgnoringCase("interop");
            assertThat(folded.add(name.toLowerCase(Locale.ROOT))).as(name + " is taken once").isTrue();
            assertThat(dir.resolve(name).normalize().getParent()).isEqualTo(dir);
        }
        assertThat(SubmissionFolders.names(submissions)).as("the same every run").isEqualTo(names);
    }

    @Test
    void shouldLinkEachSubmissionToItsFolderFromWhereverTheMatrixIs() throws Exception {
        Path out = Files.createDirectories(dir.resolve("the out"));
        Files.createDirectories(out.resolve("alice"));
        Files.writeString(out.resolve("alice/index.html"), "");
        List<Graded> rows = List.of(Graded.notGradable("alice", "x"), Graded.notGradable("<b>", "x"));
        Map<String, String> folders = Map.of("alice", "alice", "<b>", "_b_-12345678");

        // <b>'s folder is gone (--keep-output failed): no link rather than a broken one
        assertThat(Matrix.links(rows, folders, out, dir.resolve("matrix.html")))
                .isEqualTo(Map.of("alice", "the%20out/alice/index.html"));
        assertThat(Matrix.links(rows, folders, out, out.resolve("index.html")))
                .isEqualTo(Map.of("alice", "alice/index.html"));
        assertThat(new Matrix(rows).html(Map.of("<b>", "\"><script>"))).contains("<a href=\"&quot;&gt;&lt;script&gt;\">"
                + "&lt;b&gt;</a>").doesNotContain("<b>").doesNotContain("<script>");
    }
}
