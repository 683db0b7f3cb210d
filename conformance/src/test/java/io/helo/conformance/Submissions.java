package io.helo.conformance;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A folder of submissions, made from the test resources as an instructor's upload would be, and its matrix read back. */
final class Submissions {
    private final Path folder;

    Submissions(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
    }

    /** The folder. */
    Path folder() {
        return folder;
    }

    /** Adds submission {@code name} with {@code files}: each file's name in it, and the file to copy there. */
    Submissions add(String name, Map<String, Path> files) throws IOException {
        Path submission = Files.createDirectories(folder.resolve(name));
        for (Map.Entry<String, Path> file : files.entrySet()) {
            Path to = submission.resolve(file.getKey());
            Files.createDirectories(to.getParent());
            Files.copy(file.getValue(), to);
        }
        return this;
    }

    /** A correct Python server and client. */
    Submissions correctPython(String name) throws IOException {
        return add(name, Map.of("server.py", resource("/servers/helo_server.py"), "client.py",
                resource("/clients/broken_client.py")));
    }

    /** A correct Python client only. */
    Submissions correctClient(String name) throws IOException {
        return add(name, Map.of("client.py", resource("/clients/broken_client.py")));
    }

    /**
     * Adds the hostile submission {@code name} from {@code /submissions/NAME}, with a correct server and client to end
     * with and {@code marker} for what it leaves behind.
     */
    Submissions hostile(String name, String marker) throws IOException {
        Path from = resource("/submissions/" + name);
        Path submission = Files.createDirectories(folder.resolve(name));
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, submission.resolve(file.getFileName().toString()));
            }
        }
        Files.copy(resource("/servers/helo_server.py"), submission.resolve("helo_server.py"));
        Files.copy(resource("/clients/broken_client.py"), submission.resolve("client_session.py"));
        Files.writeString(submission.resolve("marker.txt"), marker);
        return this;
    }

    /** Every file under the folder with a digest of its content, to tell whether anything changed. */
    Map<String, String> digests() throws IOException {
        return digests(folder);
    }

    /** Every file under {@code tree} with a digest of its content. */
    static Map<String, String> digests(Path tree) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                digests.put(tree.relativize(file).toString(), digest(file));
            }
        }
        return digests;
    }

    /** A digest of {@code file}'s content. */
    static String digest(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of a matrix CSV, each cell by its column's header, keyed by submission, as a spreadsheet reads them. */
    static Map<String, Map<String, String>> rows(Path csv) throws IOException {
        List<List<String>> lines = cells(csv);
        List<String> header = lines.get(0);
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < line.size() ? line.get(i) : "");
            }
            rows.put(line.get(0), row);
        }
        return rows;
    }

    /** Every cell of a CSV file, line by line. */
    static List<List<String>> cells(Path csv) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> lines = mapper.readerForListOf(String.class).readValues(csv.toFile())) {
            return lines.readAll();
        }
    }

    /** A test resource as a file. */
    static Path resource(String resource) {
        URL url = Submissions.class.getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(resource, e);
        }
    }
}
