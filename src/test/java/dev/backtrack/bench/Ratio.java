package dev.backtrack.bench;

/**
 * A goal from the issues, expressed as Backtrack's median divided by a baseline's median measured in the
 * same run. {@code goal} is what the issue asks; {@code ciFloor} is the generous floor the quick CI run
 * enforces, since CI machines are noisy.
 */
record Ratio(String name, Measurement ours, Measurement baseline, double goal, double ciFloor, String source) {
    double value() {
        double a = ours.median();
        double b = baseline.median();
        // for latencies, lower is better: the ratio is baseline / ours so that > 1 always means "faster"
        return ours.higherIsBetter ? a / b : b / a;
    }

    boolean meetsGoal() {
        return value() >= goal;
    }

    /** The value with two decimals, or three when two would round a miss up to the goal (0.696 is not 0.70). */
    String shown() {
        String two = String.format(java.util.Locale.ROOT, "%.2f", value());
        return meetsGoal() || Double.parseDouble(two) < goal ? two : String.format(java.util.Locale.ROOT, "%.3f", value());
    }

    boolean meetsCiFloor() {
        return value() >= ciFloor;
    }
}
