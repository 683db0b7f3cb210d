package io.helo.conformance;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * CSV for a spreadsheet (RFC 4180, quoted only where needed, newlines inside quotes), every cell a spreadsheet could
 * take for a formula prefixed with {@code '}, as OWASP advises: names come from students' folders.
 */
final class SafeCsv {
    /** Characters a spreadsheet may take as the start of a formula (OWASP's CSV injection list). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private SafeCsv() {
    }

    /** {@code header}, then each of {@code rows}, as one CSV text. */
    static String of(List<String> header, List<List<String>> rows) {
        StringWriter text = new StringWriter();
        CsvMapper mapper = new CsvMapper();
        mapper.getFactory().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        mapper.enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
        try (SequenceWriter csv = mapper.writerFor(List.class).with(CsvSchema.emptySchema().withLineSeparator("\n"))
                .writeValues(text)) {
            csv.write(safe(header));
            for (List<String> row : rows) {
                csv.write(safe(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    /** {@code cells}, each that a spreadsheet could evaluate prefixed with {@code '}. */
    static List<String> safe(List<String> cells) {
        return cells.stream().map(c -> !c.isEmpty() && FORMULA_STARTS.indexOf(c.charAt(0)) >= 0 ? "'" + c : c).toList();
    }
}
