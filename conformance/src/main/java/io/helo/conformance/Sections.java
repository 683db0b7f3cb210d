package io.helo.conformance;

import java.util.Map;

/** The titles of the PROTOCOL.md sections the cases check. */
final class Sections {
    private static final Map<String, String> TITLES = Map.ofEntries(Map.entry("2", "Transport"),
            Map.entry("2.1", "Peers that send no line ends"), Map.entry("3", "Grammar"), Map.entry("4", "Session"),
            Map.entry("5.1", "HELO"), Map.entry("5.2", "REQTIME"), Map.entry("5.3", "REQDATE"),
            Map.entry("5.4", "ECHO"), Map.entry("5.5", "REQIP"), Map.entry("5.6", "BYE"), Map.entry("6", "Errors"),
            Map.entry("7", "Limits"), Map.entry("assignment", "The assignment's own requirements"));

    private Sections() {
    }

    /** {@code section} with its title, e.g. {@code 5.2 REQTIME}. */
    static String title(String section) {
        String title = TITLES.get(section);
        return section.equals("assignment") ? title : section + " " + (title == null ? "" : title);
    }
}
