package dev.backtrack.ui.connection;

import java.util.ArrayList;
import java.util.List;

/** The features every connection tab carries, in menu order. Add a feature with one line here. */
public final class ConnectionFeatures {
    private ConnectionFeatures() {
    }

    public static List<ConnectionFeature> all() {
        List<ConnectionFeature> features = new ArrayList<>();
        features.add(new dev.backtrack.ui.profile.WriteUnlockFeature());
        features.add(new dev.backtrack.ui.redrive.DeadLetterFeature());
        features.add(new dev.backtrack.ui.history.HistoryFeature());
        features.add(new dev.backtrack.ui.groups.GroupsFeature());
        features.add(new dev.backtrack.ui.schemas.SchemasFeature());
        features.add(new dev.backtrack.ui.replay.ReplayFeature());
        return List.copyOf(features);
    }
}
