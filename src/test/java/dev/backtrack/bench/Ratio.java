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

    boolean meetsCiFloor() {
        return value() >= ciFloor;
    }
}
