package dev.backtrack.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeated observations of one contender in one scenario (a rate, records/s, or a latency in ms). */
final class Measurement {
    final String scenario;
    final String contender;
    final String unit;
    final boolean higherIsBetter;
    final List<Double> values = new ArrayList<>();

    Measurement(String scenario, String contender, String unit, boolean higherIsBetter) {
        this.scenario = scenario;
        this.contender = contender;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    void add(double value) {
        values.add(value);
    }

    double median() {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
