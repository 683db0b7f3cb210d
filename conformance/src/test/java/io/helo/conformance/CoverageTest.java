package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every sentence of PROTOCOL.md with an RFC 2119 key word is graded by a case or listed with the reason it is not,
 * so that a new requirement cannot go ungraded unnoticed; docs/CONFORMANCE.md shows the table as the code has it.
 */
class CoverageTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final Pattern KEY_WORD = Pattern.compile("\\b(MUST|SHOULD|MAY|REQUIRED|SHALL|RECOMMENDED|OPTIONAL)\\b");

    @Test
    void shouldGradeOrExplainEveryRequirementOfTheProtocol() throws Exception {
        List<String> sentences = requirements();

        assertThat(sentences).as("PROTOCOL.md's sentences with a key word").hasSizeGreaterThan(20);
        for (String sentence : sentences) {
            assertThat(Coverage.ENTRIES).as("a case or a reason for: " + sentence)
                    .anyMatch(e -> sentence.contains(e.quote()));
        }
        for (Coverage.Entry e : Coverage.ENTRIES) {
            assertThat(sentences).as("PROTOCOL.md still says: " + e.quote()).anyMatch(s -> s.contains(e.quote()));
            assertThat(e.cases().isEmpty() && e.reason().isBlank()).as(e.quote()).isFalse();
        }
    }

    @Test
    void shouldNameOnlyCasesTheCatalogueHas() {
        List<String> ids = new ArrayList<>(ServerCases.all().stream().map(Case::id).toList());
        ids.addAll(ClientCases.all().stream().map(Case::id).toList());

        assertThat(Coverage.ENTRIES.stream().flatMap(e -> e.cases().stream())).allMatch(ids::contains);
    }

    @Test
    void shouldShowTheTableAsTheCodeHasIt() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/CONFORMANCE.md"));
        String start = "<!-- coverage -->\n";
        int from = doc.indexOf(start);
        int to = doc.indexOf("<!-- /coverage -->");
        assertThat(from).as("coverage markers in docs/CONFORMANCE.md").isNotNegative();
        StringWriter table = new StringWriter();
        Coverage.print(new PrintWriter(table, true));

        assertThat(doc.substring(from + start.length(), to))
                .as("regenerate with: java -jar conformance/target/conformance.jar server --coverage")
                .isEqualTo(table.toString().replace(System.lineSeparator(), "\n"));
    }

    /** PROTOCOL.md's sentences holding a key word, code blocks and the key-word boilerplate aside, one line each. */
    static List<String> requirements() throws Exception {
        String text = Files.readString(ROOT.resolve("PROTOCOL.md")).replaceAll("(?s)```.*?```", "");
        List<String> found = new ArrayList<>();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            String joined = String.join(" ", paragraph.lines().map(l -> l.strip().replaceFirst("^- ", "")).toList());
            if (joined.contains("The key words")) {
                continue;
            }
            for (String sentence : joined.split("(?<=[.;:])\\s+(?=[A-Z`*(])")) {
                if (KEY_WORD.matcher(sentence).find()) {
                    found.add(sentence);
                }
            }
        }
        return found;
    }
}
