package dev.backtrack.ui.replay;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.profile.Profile;
import dev.backtrack.profile.ProfileConnections;
import java.util.List;

/** The saved profiles a replay may write to: their names, and their settings resolved (secrets in memory only). */
public interface TargetProfiles {
    List<String> names();

    ConnectionSettings resolve(String name);

    /** The profiles of the profile store ({@link ProfileConnections}). */
    static TargetProfiles saved() {
        return new TargetProfiles() {
            @Override
            public List<String> names() {
                return ProfileConnections.context().store().list().stream().map(Profile::name).toList();
            }

            @Override
            public ConnectionSettings resolve(String name) {
                return ProfileConnections.resolve(name);
            }
        };
    }

    TargetProfiles NONE = new TargetProfiles() {
        @Override
        public List<String> names() {
            return List.of();
        }

        @Override
        public ConnectionSettings resolve(String name) {
            throw new dev.backtrack.BacktrackException("no profile named '" + name + "'");
        }
    };
}
