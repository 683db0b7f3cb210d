package io.helo.conformance;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Points as reports show them: to two decimals, without trailing zeros ({@code 12}, {@code 12.5}). */
final class Points {
    private Points() {
    }

    /** {@code points} rounded to two decimals, so that sums of fractions do not show binary noise. */
    static double round(double points) {
        return BigDecimal.valueOf(points).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** {@code points} as text. */
    static String show(double points) {
        return BigDecimal.valueOf(round(points)).stripTrailingZeros().toPlainString();
    }
}
