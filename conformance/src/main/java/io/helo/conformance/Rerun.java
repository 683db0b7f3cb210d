package io.helo.conformance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command that re-runs one case as the student ran the checker: the same options and program, with
 * {@code --case ID} in place of any selection and without the report files.
 */
final class Rerun {
    /** Where the case ID goes in a template. */
    static final String CASE = "{case}";
    /** Options that select cases or name report files, each with its value: left out of the command. */
    private static final Set<String> DROPPED = Set.of("--case", "--exclude", "--reason", "--json", "--junit", "--html");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./{}-]+");

    private Rerun() {
    }

    /** The template of the command for a run with {@code spec}'s arguments: {@link #CASE} stands for the ID. */
    static String template(CommandSpec spec) {
        List<String> words = new ArrayList<>(program());
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        boolean inserted = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--") && !inserted) {
                words.add("--case");
                words.add(CASE);
                inserted = true;
                words.addAll(args.subList(i, args.size()));
                break;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (DROPPED.contains(name)) {
                i += arg.contains("=") ? 0 : 1;
                continue;
            }
            words.add(arg);
        }
        if (!inserted) {
            words.add("--case");
            words.add(CASE);
        }
        return String.join(" ", words.stream().map(Rerun::quoted).toList());
    }

    /** The template with {@code id} in place. */
    static String command(String template, String id) {
        return template.isEmpty() ? "" : template.replace(CASE, id);
    }

    /** How the checker itself is started: as the installed command says, or {@code java -jar} and its jar. */
    private static List<String> program() {
        String named = System.getProperty(ConformanceMain.PROGRAM_PROPERTY);
        if (named != null && !named.isBlank()) {
            return List.of(named);
        }
        try {
            Path jar = Path.of(ConformanceMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (jar.toString().endsWith(".jar")) {
                Path here = Path.of("").toAbsolutePath();
                return List.of("java", "-jar", jar.startsWith(here) ? here.relativize(jar).toString() : jar.toString());
            }
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            // below
        }
        return List.of("java", "-jar", "conformance.jar");
    }

    /** A word as a POSIX shell reads it back: as it is when plain, otherwise in single quotes. */
    static String quoted(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
