package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/CONFORMANCE.md lists exactly the catalogue the code has, so the two cannot drift apart. */
class CatalogueDocTest {
    private static final Path DOC = Path.of(System.getProperty("project.root", ".."), "docs", "CONFORMANCE.md");

    @Test
    void shouldListTheServerCasesAsTheCodeHasThem() throws Exception {
        assertThat(section("server")).as("regenerate with: java -jar conformance/target/conformance.jar server --list")
                .isEqualTo(listed(ServerCases.all()));
    }

    @Test
    void shouldListTheClientCasesAsTheCodeHasThem() throws Exception {
        assertThat(section("client")).as("regenerate with: java -jar conformance/target/conformance.jar client --list")
                .isEqualTo(listed(ClientCases.all()));
    }

    @Test
    void shouldGiveEveryCaseAUniqueStableId() {
        List<String> ids = new java.util.ArrayList<>(ServerCases.all().stream().map(Case::id).toList());
        ids.addAll(ClientCases.all().stream().map(Case::id).toList());
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("(server|client)/[0-9a-z.]+/[a-z0-9-]+"));
    }

    private static String section(String mode) throws Exception {
        String doc = Files.readString(DOC);
        String start = "<!-- catalogue:" + mode + " -->\n";
        int from = doc.indexOf(start);
        int to = doc.indexOf("<!-- /catalogue:" + mode + " -->");
        assertThat(from).as("markers of the " + mode + " catalogue in " + DOC).isNotNegative();
        return doc.substring(from + start.length(), to);
    }

    private static String listed(List<? extends Case<?>> cases) {
        StringWriter text = new StringWriter();
        Catalogue.print(cases, new PrintWriter(text, true));
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
