package io.helo.conformance;

import java.util.List;

/**
 * What a report is worth under a rubric: each case's points out of its maximum, and the sums.
 *
 * @param points the points earned
 * @param maximum the most that could be earned
 * @param items each case's share, in the report's order
 */
record Score(double points, double maximum, List<Item> items) {
    /** Copies the items. */
    Score {
        items = List.copyOf(items);
    }

    /**
     * One case's share.
     *
     * @param result how the case ended
     * @param points the points it earned
     * @param maximum the most it could earn (0 when skipped)
     * @param visibility who sees it on a course platform, in Gradescope's words
     */
    record Item(CaseResult result, double points, double maximum, String visibility) {
    }

    /** The score of {@code items}. */
    static Score of(List<Item> items) {
        double points = 0;
        double maximum = 0;
        for (Item item : items) {
            points += item.points();
            maximum += item.maximum();
        }
        return new Score(Points.round(points), Points.round(maximum), items);
    }

    /** No case graded, out of {@code maximum}: a program that could not be run. */
    static Score none(double maximum) {
        return new Score(0, Points.round(maximum), List.of());
    }

    /** This score and {@code other}, added. */
    Score plus(Score other) {
        List<Item> all = new java.util.ArrayList<>(items);
        all.addAll(other.items);
        return new Score(Points.round(points + other.points), Points.round(maximum + other.maximum), all);
    }

    /** The item of case {@code id}, or null. */
    Item item(String id) {
        return items.stream().filter(i -> i.result().testCase().id().equals(id)).findFirst().orElse(null);
    }

    /** The score as a line of the text report, e.g. {@code score: 70 of 75 points (the default rubric)}. */
    String line(String rubric) {
        return "score: " + Points.show(points) + " of " + Points.show(maximum) + " points (" + rubric + ")";
    }
}
