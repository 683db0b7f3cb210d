package io.helo.conformance;

/**
 * One program's part of a course platform's results: its report and score, or why it could not be run, or neither
 * when none was submitted (its score then none out of what it could have earned).
 *
 * @param role server or client
 * @param report its report, or null if it could not be run
 * @param problem why it could not be run, or null (graded, or none submitted)
 * @param score its score
 */
record CoursePart(String role, Report report, String problem, Score score) {
    /** True if the program was graded. */
    boolean graded() {
        return report != null;
    }
}
