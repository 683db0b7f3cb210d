package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON, JUnit XML and HTML reports of a run with every outcome, read back as their consumers read them. */
class ReportsTest {
    private static final String HOSTILE = "got \"<script>alert(1)</script> & \\u0007\"";

    @TempDir
    Path dir;

    private static final List<String> EXCHANGE = List.of("1= connected to 127.0.0.1:8008", "1> \"HELO checker\\r\\n\"",
            "1< \"<script>alert(1)</script>\\n\"");
    private static final String RERUN = "java -jar conformance.jar server --case {case} -- python3 'my server.py'";

    private final Report report = withExchange(Runner.run("127.0.0.1:8008", "server", List.of(
            new Case<Object>("server/5.1/greeting", "5.1", Level.MUST, "Greets.", Set.of(), t -> Verdict.met()),
            new Case<Object>("server/2/reply-crlf", "2", Level.MUST, "CRLF.", "end replies with CR LF", Set.of(),
                    t -> Verdict.notMet(HOSTILE)),
            new Case<Object>("server/7/error-limit", "7", Level.SHOULD, "Limits.", Set.of(),
                    t -> Verdict.notMet("no reply within 3 s")),
            new Case<Object>("server/5.5/reqip-ipv6", "5.5", Level.MUST, "IPv6.", Set.of("ipv6"),
                    t -> Verdict.notApplicable("no IPv6"))),
            new Object(), new Selection(List.of(), Map.of("server/5.5/reqip-ipv6", "lab has no IPv6"), false),
            c -> Duration.ofSeconds(5), r -> { }));

    /** The report as a server's run makes it: the exchange of the case that failed, the command that re-runs one. */
    private static Report withExchange(Report report) {
        List<CaseResult> results = report.results().stream().map(r -> r.outcome() == Outcome.FAIL
                ? new CaseResult(r.testCase(), r.outcome(), r.detail(), r.millis(), EXCHANGE) : r).toList();
        return new Report(report.target(), report.mode(), report.started(), report.millis(), results, RERUN);
    }

    @Test
    void shouldWriteJsonWithEveryFieldTheFormatPromises() throws IOException {
        Path file = dir.resolve("report.json");
        JsonReport.write(report, file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("target").asText()).isEqualTo("127.0.0.1:8008");
        assertThat(json.get("mode").asText()).isEqualTo("server");
        assertThat(json.get("started").asText()).isNotEmpty();
        assertThat(json.at("/summary/pass").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/fail").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/warn").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/skipped").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/notPassedByLevel/MUST").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/conforms").asBoolean()).isFalse();
        JsonNode failed = json.get("cases").get(1);
        assertThat(failed.get("id").asText()).isEqualTo("server/2/reply-crlf");
        assertThat(failed.get("section").isTextual()).isTrue();
        assertThat(failed.get("section").asText()).isEqualTo("2");
        assertThat(failed.get("level").asText()).isEqualTo("MUST");
        assertThat(failed.get("outcome").asText()).isEqualTo("fail");
        assertThat(failed.get("requirement").asText()).isEqualTo("CRLF.");
        assertThat(failed.get("detail").asText()).isEqualTo(HOSTILE);
        assertThat(failed.get("hint").asText()).isEqualTo("end replies with CR LF");
        assertThat(failed.get("transcript")).extracting(JsonNode::asText).containsExactlyElementsOf(EXCHANGE);
        assertThat(failed.get("rerun").asText())
                .isEqualTo("java -jar conformance.jar server --case server/2/reply-crlf -- python3 'my server.py'");
        assertThat(json.get("cases").get(0).get("rerun").asText()).as("only for what did not pass").isEmpty();
        Report back = JsonReport.read(json, report.results().stream().map(CaseResult::testCase).toList());
        assertThat(back.results().get(1).transcript()).isEqualTo(EXCHANGE);
        assertThat(back.rerun("x")).isEqualTo(report.rerun("x"));
        assertThat(json.get("cases").get(3).get("detail").asText()).isEqualTo("excluded: lab has no IPv6");
    }

    @Test
    void shouldWriteJunitXmlThatTheSchemaAccepts() throws Exception {
        Path file = dir.resolve("report.xml");
        JunitReport.write(report, file);

        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/junit-surefire.xsd")).newValidator()
                .validate(new StreamSource(file.toFile())); // throws on anything the schema does not allow
        String xml = Files.readString(file);
        assertThat(xml).contains("tests=\"4\"", "failures=\"1\"", "skipped=\"1\"", "errors=\"0\"")
                .contains("<testcase name=\"server/2/reply-crlf\" classname=\"helo.conformance.server.section-2\"")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;")
                .contains("<system-out>warn (SHOULD not met): no reply within 3 s\nrequirement: SHOULD (PROTOCOL.md 7):"
                        + " Limits.\nre-run: java -jar conformance.jar server --case server/7/error-limit -- python3"
                        + " &apos;my server.py&apos;</system-out>".replace("&apos;", "'"))
                .contains("requirement: MUST (PROTOCOL.md 2): CRLF.\nhint: end replies with CR LF\n"
                        + Feedback.EXCHANGE.replace(">", "&gt;").replace("<", "&lt;") + "\n  1= connected to 127.0.0.1:8008\n  1&gt; \"HELO checker\\r\\n\"\n"
                        + "  1&lt; \"&lt;script&gt;alert(1)&lt;/script&gt;\\n\"\nre-run:");
    }

    @Test
    void shouldWriteAnHtmlPageThatABrowserShowsAsText() throws Exception {
        Path page = dir.resolve("report.html");
        HtmlReport.write(report, page);
        Path png = dir.resolve("report.png");
        Path pdf = dir.resolve("report.pdf");

        chromium("--screenshot=" + png, "--window-size=1200,900", page.toUri().toString());
        chromium("--print-to-pdf=" + pdf, page.toUri().toString());

        byte[] image = Files.readAllBytes(png);
        assertThat(image).as("a PNG screenshot").startsWith(0x89, 'P', 'N', 'G');
        String visible = pdfText(pdf);
        assertThat(visible).contains("Does not conform: a MUST failed").contains("server/2/reply-crlf")
                .contains("<script>alert(1)").contains("excluded: lab has no IPv6")
                .contains("hint: end replies with CR LF").contains("1> \"HELO checker\\r\\n\"")
                .contains("--case server/2/reply-crlf");
    }

    private void chromium(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("chromium", "--headless", "--no-sandbox",
                "--disable-gpu", "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(arguments));
        Process browser;
        try {
            browser = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("chromium.log").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("this test needs Debian's chromium (.ci/run installs it): " + e.getMessage(), e);
        }
        assertThat(browser.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(browser.exitValue()).as(Files.readString(dir.resolve("chromium.log"))).isZero();
    }

    private static String pdfText(Path pdf) throws Exception {
        Process text = new ProcessBuilder("pdftotext", "-layout", pdf.toString(), "-").start();
        String out = new String(text.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
