package io.helo.conformance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The JUnit XML report, in the form Maven Surefire writes and Jenkins and GitHub reporters read: one
 * {@code testsuite}, one {@code testcase} per case ({@code name} the case ID, {@code classname} its mode and
 * section); a failed MUST is a {@code failure}, a skipped case {@code skipped}; a warning (a SHOULD not met) passes
 * with the finding in {@code system-out}, as JUnit has no outcome for it.
 */
public final class JunitReport {
    private JunitReport() {
    }

    /** Writes {@code report} to {@code file}. */
    public static void write(Report report, Path file) throws IOException {
        write(report, null, file);
    }

    /** Writes {@code report} to {@code file}, its {@code score} as the suite's properties {@code score} and {@code maximum}. */
    static void write(Report report, Score score, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            write(report, score, xml);
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    private static void write(Report report, Score score, XMLStreamWriter xml) throws XMLStreamException {
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        suite(report, "helo-conformance." + report.mode(), score, xml);
        xml.writeEndDocument();
    }

    /**
     * Writes {@code report} as one {@code testsuite} named {@code name}, with its {@code score} (if not null) as the
     * properties {@code score} and {@code maximum}.
     */
    static void suite(Report report, String name, Score score, XMLStreamWriter xml) throws XMLStreamException {
        var counts = report.countByOutcome();
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", String.valueOf(report.results().size()));
        xml.writeAttribute("failures", String.valueOf(counts.get(Outcome.FAIL)));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", String.valueOf(report.results().stream()
                .filter(r -> r.outcome() == Outcome.SKIPPED).count()));
        xml.writeAttribute("time", seconds(report.millis()));
        xml.writeAttribute("timestamp", report.started().toString().replaceFirst("\\.\\d+Z$", "Z"));
        xml.writeAttribute("hostname", report.target());
        xml.writeCharacters("\n");
        if (score != null) {
            xml.writeCharacters("  ");
            xml.writeStartElement("properties");
            for (String[] property : new String[][] {{"score", Points.show(score.points())},
                    {"maximum", Points.show(score.maximum())}}) {
                xml.writeEmptyElement("property");
                xml.writeAttribute("name", property[0]);
                xml.writeAttribute("value", property[1]);
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        for (CaseResult r : report.results()) {
            xml.writeCharacters("  ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("name", r.testCase().id());
            xml.writeAttribute("classname", "helo.conformance." + report.mode() + ".section-"
                    + r.testCase().section().replace('.', '-'));
            xml.writeAttribute("time", seconds(r.millis()));
            String lines = String.join("\n", Feedback.lines(report, r));
            if (r.beyond() && r.notPassed()) { // does not change the verdict: not a failure
                xml.writeStartElement("system-out");
                xml.writeCharacters("beyond the assignment, " + r.outcome().label() + " (" + r.level() + " not met): "
                        + lines);
                xml.writeEndElement();
            } else {
                switch (r.outcome()) {
                    case FAIL -> element(xml, "failure", r.level() + " " + r.testCase().requirement(), lines);
                    case SKIPPED -> element(xml, "skipped", r.detail(), null);
                    case WARN -> {
                        xml.writeStartElement("system-out");
                        xml.writeCharacters("warn (" + r.level() + " not met): " + lines);
                        xml.writeEndElement();
                    }
                    case PASS -> { }
                }
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void element(XMLStreamWriter xml, String name, String message, String body)
            throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeAttribute("message", message);
        if (name.equals("failure")) {
            xml.writeAttribute("type", "conformance");
        }
        if (body != null) {
            xml.writeCharacters(body);
        }
        xml.writeEndElement();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
