package io.helo.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The batch's grades under a rubric: each submission's score out of its maximum (a program expected but not run
 * scores nothing of what it could have earned), the gradebook CSV a course's gradebook imports, and a course
 * platform's results file per submission.
 */
final class Gradebook {
    private final Rubric rubric;
    private final BatchSelection cases;

    /** Grades under {@code rubric} the cases the batch grades, as {@code cases} selects them for each program. */
    Gradebook(Rubric rubric, BatchSelection cases) {
        this.rubric = rubric;
        this.cases = cases;
    }

    /** The first of {@code folders} (each null if not asked for) inside {@code submissions}, or null. */
    static Path inside(Path submissions, Path... folders) {
        for (Path folder : folders) {
            if (folder != null && folder.toAbsolutePath().normalize().startsWith(submissions)) {
                return folder;
            }
        }
        return null;
    }

    /** The batch's line of {@code graded}'s score, e.g. {@code alice: score 70 of 125 (the default rubric)}. */
    String line(Graded graded) {
        Score score = score(graded);
        return Show.name(graded.name()) + ": score " + Points.show(score.points()) + " of "
                + Points.show(score.maximum()) + " (" + rubric.name() + ")";
    }

    /** Writes the files asked for (each null if not): the gradebook, and each platform's results per submission. */
    void write(List<Graded> rows, Map<String, Long> millis, Path gradebook, Path gradescope, Path prairielearn)
            throws IOException {
        if (gradebook != null) {
            writeCsv(rows, gradebook);
        }
        if (gradescope != null) {
            writeGradescope(rows, millis, gradescope);
        }
        if (prairielearn != null) {
            writePrairieLearn(rows, prairielearn);
        }
    }

    /**
     * The parts of {@code graded}: its server's and its client's, each graded or not run; a program whose cases the
     * batch's {@code --case} leaves out entirely has no part.
     */
    List<CoursePart> parts(Graded graded) {
        List<CoursePart> parts = new ArrayList<>();
        boolean gradable = graded.notGradable() == null;
        addPart(parts, "server", ServerCases.all(), gradable ? graded.server() : null,
                gradable ? graded.serverProblem() : graded.notGradable());
        addPart(parts, "client", ClientCases.all(), gradable ? graded.client() : null,
                gradable ? graded.clientProblem() : graded.notGradable());
        return parts;
    }

    private void addPart(List<CoursePart> parts, String role, List<? extends Case<?>> catalogue, Report report,
            String problem) {
        Selection selection = cases.of(catalogue);
        if (selection == null) {
            return;
        }
        // none submitted, when there is no problem: nothing of its points
        parts.add(report != null ? new CoursePart(role, report, null, rubric.score(report, selection))
                : new CoursePart(role, null, problem, Score.none(rubric.maximum(catalogue, selection))));
    }

    /** The score of {@code graded}, all its parts added. */
    Score score(Graded graded) {
        return parts(graded).stream().map(CoursePart::score).reduce(Score.none(0), Score::plus);
    }

    /** The word of the gradebook's verdict column. */
    static String verdict(Graded graded) {
        return graded.notGradable() != null ? "not gradable" : graded.failed() ? "does not conform" : "conforms";
    }

    /**
     * The gradebook as CSV: {@code submission,score,maximum,verdict}, one line per submission, quoted where needed,
     * a cell a spreadsheet could take for a formula prefixed with {@code '} (as the matrix is).
     */
    String csv(List<Graded> rows) {
        List<List<String>> lines = new ArrayList<>();
        for (Graded row : rows) {
            Score score = score(row);
            lines.add(List.of(row.name(), Points.show(score.points()), Points.show(score.maximum()), verdict(row)));
        }
        return SafeCsv.of(List.of("submission", "score", "maximum", "verdict"), lines);
    }

    /** Writes {@code rows}' gradebook to {@code file}, whole or not at all. */
    void writeCsv(List<Graded> rows, Path file) throws IOException {
        AtomicFiles.write(file, csv(rows));
    }

    /** Writes Gradescope's results of each of {@code rows} to {@code folder}/NAME.json. */
    void writeGradescope(List<Graded> rows, Map<String, Long> millis, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Graded row : rows) {
            GradescopeResults.write(folder.resolve(row.name() + ".json"), parts(row), row.notGradable(),
                    millis.getOrDefault(row.name(), 0L));
        }
    }

    /** Writes PrairieLearn's results of each of {@code rows} to {@code folder}/NAME.json. */
    void writePrairieLearn(List<Graded> rows, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Graded row : rows) {
            PrairieLearnResults.write(folder.resolve(row.name() + ".json"), parts(row), row.notGradable());
        }
    }
}
