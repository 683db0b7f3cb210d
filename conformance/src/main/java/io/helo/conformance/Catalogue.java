package io.helo.conformance;

import java.io.PrintWriter;
import java.util.List;

/**
 * The catalogue as text: one line per case with its ID and tags, its level, its level under the assignment profile
 * (or "beyond" the assignment), its section, then the requirement it quotes.
 */
final class Catalogue {
    private Catalogue() {
    }

    /** Prints {@code cases} to {@code out}, as Markdown that docs/CONFORMANCE.md includes. */
    static void print(List<? extends Case<?>> cases, PrintWriter out) {
        out.println("| ID | level | under `--profile assignment` | section | requirement |");
        out.println("|---|---|---|---|---|");
        for (Case<?> c : cases) {
            String tags = c.tags().isEmpty() ? "" : " (" + String.join(", ", c.tags().stream().sorted().toList()) + ")";
            Level assigned = AssignmentProfile.level(c);
            out.println("| `" + c.id() + "`" + tags + " | " + c.level() + " | " + (assigned == null ? "beyond"
                    : assigned) + " | " + c.section() + " | "
                    + c.requirement().replace("|", "\\|") + " |");
        }
    }
}
