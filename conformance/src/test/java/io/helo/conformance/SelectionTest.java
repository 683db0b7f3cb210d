package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --case} and {@code --exclude} take IDs, prefixes and globs; only a full ID runs a slow case. */
class SelectionTest {
    private final StringWriter err = new StringWriter();

    @Test
    void shouldTakeAPrefixAsTheSectionsItNames() {
        Selection selection = select("--case", "server/5.1");

        assertThat(selection.only()).containsExactly("server/5.1/greeting", "server/5.1/greeting-utf8",
                "server/5.1/greeting-verbatim", "server/5.1/hostname-one-word", "server/5.1/hostname-length",
                "server/5.1/hostname-invisible");
        assertThat(select("--case", "server/5").only()).contains("server/5.1/greeting", "server/5.6/goodbye")
                .allMatch(id -> id.startsWith("server/5."));
    }

    @Test
    void shouldTakeAGlob() {
        assertThat(select("--case", "server/6/*").only()).hasSize(12).allMatch(id -> id.startsWith("server/6/"));
        assertThat(select("--case", "*utf8*").only()).containsExactly("server/2/utf8", "server/5.1/greeting-utf8",
                "server/6/invalid-utf8", "server/6/invalid-utf8-forms");
    }

    @Test
    void shouldExcludeByPatternWithTheReason() {
        Selection selection = select("--exclude", "server/7/*", "--reason", "no limits in this course");

        assertThat(selection.excluded()).containsKeys("server/7/line-too-long", "server/7/error-limit")
                .containsValue("no limits in this course");
    }

    @Test
    void shouldRunASlowCaseOnlyWhenNamedInFull() {
        Case<?> slow = ServerCases.all().stream().filter(Case::slow).findFirst().orElseThrow();

        assertThat(select("--case", "server/7/*").skipReason(slow)).startsWith("slow:");
        assertThat(select("--case", slow.id()).skipReason(slow)).isNull();
    }

    @Test
    void shouldRefuseAPatternThatMatchesNothing() {
        assertThat(select("--case", "server/9*")).isNull();
        assertThat(err.toString()).isEqualTo("conformance: no case server/9* (--list shows them)\n");
    }

    private Selection select(String... args) {
        ReportOptions options = new ReportOptions();
        new CommandLine(options).parseArgs(args);
        return options.selection(ServerCases.all(), new PrintWriter(err, true));
    }
}
