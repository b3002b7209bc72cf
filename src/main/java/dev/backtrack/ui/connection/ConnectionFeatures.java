package dev.backtrack.ui.connection;

import java.util.ArrayList;
import java.util.List;

/** The features every connection tab carries, in menu order. Add a feature with one line here. */
public final class ConnectionFeatures {
    private ConnectionFeatures() {
    }

    public static List<ConnectionFeature> all() {
        List<ConnectionFeature> features = new ArrayList<>();
        return List.copyOf(features);
    }
}
