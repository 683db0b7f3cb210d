package io.helo.conformance;

import io.helo.conformance.ClientSession.Behaviour;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code batch DIR}: grades every submission in a folder, one after the other on the same port, and writes the
 * matrix of implementations and cases an instructor wants.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Grades every submission in DIR: each subfolder NAME with server.py and/or client.py (run with"
                + " python3) or server.jar and/or client.jar (run with java -jar), started in its folder with its"
                + " input closed and HELO_PORT set, under the assignment profile. Servers get the server cases (slow ones skipped unless --slow),"
                + " clients the client cases, one submission after the other on PORT.",
                "Writes a line per submission, and the matrix (submissions x cases) as --csv and --html."})
final class BatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "The port the submissions use"
            + " (default: ${DEFAULT-VALUE}, the assignment's).")
    int port = 8008;
    @Option(names = "--slow", description = "Also run the cases that wait for a server's idle timeout.")
    boolean slow;
    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "How long a client may take, and a server"
            + " to start listening (default: ${DEFAULT-VALUE}).")
    int limitSeconds = 20;
    @Option(names = "--csv", paramLabel = "FILE", description = "Write the matrix as CSV.")
    Path csv;
    @Option(names = "--html", paramLabel = "FILE", description = "Write the matrix as one HTML page.")
    Path html;
    @Parameters(paramLabel = "DIR", description = "The folder of submissions.")
    Path folder;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(folder)) {
            err.println("conformance: " + folder + " is not a folder of submissions");
            return ConformanceMain.UNUSABLE;
        }
        List<Path> submissions;
        try (Stream<Path> entries = Files.list(folder)) {
            submissions = entries.filter(Files::isDirectory).sorted().toList();
        }
        List<Matrix.Row> rows = new ArrayList<>();
        boolean anyFailed = false;
        for (Path submission : submissions) {
            Matrix.Row row = grade(submission, err);
            rows.add(row);
            anyFailed |= row.failed();
            out.println(row.summary());
            out.flush();
        }
        Matrix matrix = new Matrix(rows);
        if (csv != null) {
            Files.writeString(csv, matrix.csv());
        }
        if (html != null) {
            Files.writeString(html, matrix.html());
        }
        return anyFailed ? ConformanceMain.DOES_NOT_CONFORM : ConformanceMain.CONFORMS;
    }

    private Matrix.Row grade(Path submission, PrintWriter err) throws IOException {
        String name = submission.getFileName().toString();
        Duration limit = Duration.ofSeconds(limitSeconds);
        Report server = null;
        String serverProblem = null;
        List<String> serverCommand = command(submission, "server");
        if (serverCommand != null) {
            Path log = Files.createTempFile("helo-batch-" + name, ".log");
            ServerTarget target = new ServerTarget("127.0.0.1", port, Duration.ofSeconds(3), Duration.ofMillis(500),
                    ZoneId.systemDefault(), Duration.ofSeconds(300), 1000, 10, serverCommand);
            try (ServerUnderTest started = ServerUnderTest.start(serverCommand, submission, "127.0.0.1", port, limit,
                    log)) {
                server = Runner.run(name, "server", ServerCases.all(), target,
                        new Selection(List.of(), Map.of(), !slow, true), c -> Duration.ofSeconds(c.slow() ? 320 : 14),
                        r -> { });
            } catch (IOException e) {
                serverProblem = "did not start: " + e.getMessage();
            }
        }
        Report client = null;
        List<String> clientCommand = command(submission, "client");
        if (clientCommand != null) {
            client = ClientCommand.grade(clientCommand, submission, Map.of(), port, Behaviour.CORRECT, limit,
                    Selection.assignmentProfile(), err);
        }
        return new Matrix.Row(name, server, serverProblem, client, clientCommand != null && client == null);
    }

    /** How a submission's {@code role} (server or client) is run, or null if it has none. */
    private static List<String> command(Path submission, String role) {
        if (Files.isRegularFile(submission.resolve(role + ".py"))) {
            return List.of("python3", role + ".py");
        }
        if (Files.isRegularFile(submission.resolve(role + ".jar"))) {
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", role + ".jar");
        }
        return null;
    }
}
