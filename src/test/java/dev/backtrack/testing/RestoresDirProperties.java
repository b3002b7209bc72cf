package dev.backtrack.testing;

import dev.backtrack.profile.ProfileConnections;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For test classes that point {@code backtrack.config.dir} / {@code backtrack.data.dir} at their own temp dir: puts
 * the values back after the class, since later tests in the same JVM would otherwise write into the deleted dir (and
 * recreate it in /tmp). The process-wide profile context (which holds the audit log's path) is dropped before and
 * after the class, so the class's CLI runs and the later ones each get one made from the directories then set.
 */
public final class RestoresDirProperties implements BeforeAllCallback, AfterAllCallback {
    private static final List<String> PROPERTIES = List.of("backtrack.config.dir", "backtrack.data.dir");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RestoresDirProperties.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        for (String name : PROPERTIES) {
            String value = System.getProperty(name);
            context.getStore(NAMESPACE).put(name, value == null ? "" : value);
        }
        ProfileConnections.install(null);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (String name : PROPERTIES) {
            String value = context.getStore(NAMESPACE).get(name, String.class);
            if (value == null || value.isEmpty()) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        }
        ProfileConnections.install(null);
    }
}
