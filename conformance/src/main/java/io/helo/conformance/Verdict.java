package io.helo.conformance;

/** What a check found: met, not met (with what was observed), or not applicable. */
public record Verdict(Kind kind, String detail) {
    /** The three things a check can find. */
    public enum Kind {
        /** The requirement is met. */
        MET,
        /** The requirement is not met; the detail says what was observed. */
        NOT_MET,
        /** The case cannot apply here (e.g. no IPv6 route); the detail says why. */
        NOT_APPLICABLE
    }

    /** The requirement is met. */
    public static Verdict met() {
        return new Verdict(Kind.MET, "");
    }

    /** The requirement is not met: {@code observed} says what happened instead. */
    public static Verdict notMet(String observed) {
        return new Verdict(Kind.NOT_MET, observed);
    }

    /** The case cannot apply here, for {@code reason}. */
    public static Verdict notApplicable(String reason) {
        return new Verdict(Kind.NOT_APPLICABLE, reason);
    }
}
