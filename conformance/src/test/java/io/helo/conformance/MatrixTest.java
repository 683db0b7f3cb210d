package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The matrix as CSV: cells a spreadsheet would evaluate are defused, line breaks quoted, as a CSV reader reads it. */
class MatrixTest {
    @TempDir
    Path dir;

    @Test
    void shouldPrefixEveryCellAFormulaCouldStartWith() {
        assertThat(SafeCsv.safe(List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "alice", "", "a=b")))
                .containsExactly("'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "alice", "", "a=b");
    }

    @Test
    void shouldWriteNamesWithQuotesCommasAndLineBreaksAsOneCell() throws Exception {
        Matrix matrix = new Matrix(List.of(Graded.notGradable("a \"b\", c\nd", "nothing found"),
                Graded.notGradable("=HYPERLINK(\"http://x\")", "nothing found")));
        Path csv = Files.writeString(dir.resolve("m.csv"), matrix.csv());

        List<List<String>> cells = Submissions.cells(csv);

        assertThat(cells).hasSize(3);
        assertThat(cells.get(1).subList(0, 4)).containsExactly("a \"b\", c\nd", "not gradable", "not gradable",
                "not gradable: nothing found");
        assertThat(cells.get(2).get(0)).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(Files.readString(csv)).contains("\n\"a \"\"b\"\", c\nd\",not gradable,");
    }
}
