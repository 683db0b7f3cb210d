package io.helo.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How a submission's programs are built and run, as found in its folder, or in a single folder nested in it (an
 * upload's {@code alice/hw1/}): a manifest {@value #MANIFEST} when there is one, otherwise the conventional names
 * ({@code server.py} and {@code client.py} run with {@code python3}, {@code server.jar} and {@code client.jar} with
 * {@code java -jar}, {@code server.js} and {@code client.js} with {@code node}).
 *
 * <pre>
 * # helo.toml: each key optional, but a server or a client at least
 * build = "gcc -O2 -o server server.c &amp;&amp; gcc -O2 -o client client.c"   # sh -c, in the sandbox
 * server = "./server"                          # words split at spaces, or a list: ["./server"]
 * client = ["./client"]
 * </pre>
 *
 * @param folder where the programs are, relative to the submission's folder ("" for the folder itself)
 * @param build the build command (run with {@code sh -c}), or null
 * @param server the server's command, or null if there is none
 * @param client the client's command, or null if there is none
 */
public record Layout(String folder, String build, List<String> server, List<String> client) {
    /** The manifest's file name. */
    public static final String MANIFEST = "helo.toml";
    /** How deep a single nested folder is looked for. */
    static final int DEPTH = 3;
    private static final Set<String> KEYS = Set.of("build", "server", "client");
    private static final List<String> EXTENSIONS = List.of(".py", ".jar", ".js");

    /** A submission with nothing to grade, and what was looked for. */
    public static final class NotGradableException extends IOException {
        private static final long serialVersionUID = 1L;

        NotGradableException(String message) {
            super(message);
        }
    }

    /** What is looked for, for a report: the manifest, then the conventional names of {@code role}. */
    public static String lookedFor(String role) {
        return MANIFEST + " " + role + " =, " + role + ".py, " + role + ".jar or " + role + ".js";
    }

    /**
     * Finds the layout of the submission in {@code root}.
     *
     * @throws NotGradableException if neither a manifest nor a conventional program is found, or the manifest is
     *     wrong (the message says what was looked for, or what is wrong)
     */
    public static Layout find(Path root) throws IOException {
        Path folder = root;
        for (int depth = 0; depth <= DEPTH; depth++) {
            if (Files.isRegularFile(folder.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
                return manifest(root, folder);
            }
            List<String> server = conventional(folder, "server");
            List<String> client = conventional(folder, "client");
            if (server != null || client != null) {
                return new Layout(relative(root, folder), null, server, client);
            }
            Path only = onlyFolder(folder);
            if (only == null) {
                break;
            }
            folder = only;
        }
        throw new NotGradableException("found no " + MANIFEST + ", server.py, server.jar, server.js, client.py,"
                + " client.jar or client.js in its folder, nor in a single folder inside it");
    }

    private static Layout manifest(Path root, Path folder) throws IOException {
        JsonNode manifest;
        try {
            manifest = new TomlMapper().readTree(folder.resolve(MANIFEST).toFile());
        } catch (IOException e) {
            throw new NotGradableException(MANIFEST + " is not TOML: " + firstLine(e.getMessage()));
        }
        for (Iterator<String> keys = manifest.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw new NotGradableException(MANIFEST + " has an unknown key " + Show.text(key)
                        + " (known: build, server, client)");
            }
        }
        JsonNode build = manifest.get("build");
        if (build != null && (!build.isTextual() || build.asText().isBlank())) {
            throw new NotGradableException(MANIFEST + ": build must be a command, as a string");
        }
        List<String> server = command(manifest.get("server"), "server");
        List<String> client = command(manifest.get("client"), "client");
        if (server == null && client == null) {
            throw new NotGradableException(MANIFEST + " names neither a server nor a client");
        }
        return new Layout(relative(root, folder), build == null ? null : build.asText(), server, client);
    }

    private static List<String> command(JsonNode value, String key) throws NotGradableException {
        if (value == null) {
            return null;
        }
        List<String> words = new ArrayList<>();
        if (value.isTextual()) {
            words.addAll(List.of(value.asText().strip().split("\\s+")));
        } else if (value.isArray()) {
            value.forEach(word -> words.add(word.isTextual() ? word.asText() : ""));
        }
        if (words.isEmpty() || words.stream().anyMatch(String::isEmpty)) {
            throw new NotGradableException(MANIFEST + ": " + key + " must be a command, as a string or a list of"
                    + " strings");
        }
        return List.copyOf(words);
    }

    private static List<String> conventional(Path folder, String role) {
        for (String extension : EXTENSIONS) {
            String file = role + extension;
            if (Files.isRegularFile(folder.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
                return switch (extension) {
                    case ".py" -> List.of("python3", file);
                    case ".jar" -> List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                            file);
                    default -> List.of("node", file);
                };
            }
        }
        return null;
    }

    /** The one folder in {@code folder} (hidden ones and {@code __MACOSX} aside) when it holds nothing else. */
    private static Path onlyFolder(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> visible = entries.filter(p -> !p.getFileName().toString().startsWith(".")
                    && !p.getFileName().toString().equals("__MACOSX")).toList();
            return visible.size() == 1 && Files.isDirectory(visible.get(0), LinkOption.NOFOLLOW_LINKS) ? visible.get(0)
                    : null;
        }
    }

    private static String relative(Path root, Path folder) {
        return root.relativize(folder).toString();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
