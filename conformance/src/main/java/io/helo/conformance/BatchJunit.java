package io.helo.conformance;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A batch as JUnit XML: a {@code testsuites} holding one {@code testsuite} per submission (named by it), with the
 * server's cases then the client's, as {@link JunitReport} writes them. A submission that could not be graded, or a
 * program of it that could not be run, is one more failed {@code testcase} ({@code submission/gradable},
 * {@code server/runs}, {@code client/runs}) saying why, so that it never reads as a pass.
 */
final class BatchJunit {
    private BatchJunit() {
    }

    /** Writes the grades of {@code rows}, each suite with its score in {@code grades}, whole or not at all. */
    static void write(List<Graded> rows, Gradebook grades, Path file) throws IOException {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "helo-conformance.batch");
            xml.writeCharacters("\n");
            for (Graded row : rows) {
                JunitReport.suite(merged(row), row.name(), grades.score(row), xml);
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        AtomicFiles.write(file, text.toString());
    }

    /** One report of the submission's server and client cases, and of what could not be run. */
    private static Report merged(Graded row) {
        List<CaseResult> results = new ArrayList<>();
        long millis = 0;
        java.time.Instant started = java.time.Instant.now();
        if (row.notGradable() != null) {
            results.add(problem("submission/gradable", "The submission can be built and run.", row.notGradable()));
        }
        for (Report report : new Report[] {row.server(), row.client()}) {
            if (report != null) {
                results.addAll(report.results());
                millis += report.millis();
                started = report.started().isBefore(started) ? report.started() : started;
            }
        }
        if (row.serverProblem() != null) {
            results.add(problem("server/runs", "The server can be run.", row.serverProblem()));
        }
        if (row.clientProblem() != null) {
            results.add(problem("client/runs", "The client can be run.", row.clientProblem()));
        }
        return new Report(row.name(), "batch", started, millis, results);
    }

    private static CaseResult problem(String id, String requirement, String why) {
        Case<Object> c = new Case<>(id, "assignment", Level.MUST, requirement, Set.of(), t -> Verdict.notMet(why));
        return new CaseResult(c, Outcome.FAIL, why, 0);
    }
}
