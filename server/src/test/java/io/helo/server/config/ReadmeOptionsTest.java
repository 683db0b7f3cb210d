package io.helo.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's tables of the server's options are the settings' tables: the same groups, options and defaults. */
class ReadmeOptionsTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void shouldListEverySettingUnderItsGroupWithItsNamesAndDefault() throws IOException {
        List<String> expected = new ArrayList<>();
        for (SettingGroup group : ServerSettings.GROUPS) {
            expected.add("#### " + group.heading());
            for (Setting<?> setting : group.settings()) {
                String names = setting.names().stream().map(name -> "`" + name + "`")
                        .collect(Collectors.joining(", "));
                expected.add(names + " | " + setting.defaultText());
            }
        }

        assertThat(serverOptionsSection()).containsExactlyElementsOf(expected);
    }

    /** The group headings and the first two cells of each option's row, from the README's server options. */
    private static List<String> serverOptionsSection() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int from = lines.indexOf("### Server");
        int to = lines.indexOf("### Client");
        assertThat(from).as("the README's server options").isNotNegative().isLessThan(to);
        List<String> section = new ArrayList<>();
        for (String line : lines.subList(from, to)) {
            if (line.startsWith("#### ")) {
                section.add(line);
            } else if (line.startsWith("| `")) {
                String[] cells = line.split("\\|", -1);
                section.add(cells[1].trim() + " | " + cells[2].trim());
            }
        }
        return section;
    }
}
