package io.helo.conformance;

/** How a case ended. */
public enum Outcome {
    /** The implementation did what the requirement asks. */
    PASS,
    /** A MUST was not met. */
    FAIL,
    /** A SHOULD or MAY was not met. */
    WARN,
    /** The case did not run: not selected, excluded, or not applicable here (the detail says which). */
    SKIPPED;

    /** The lower-case name used in reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
