package dev.backtrack.ui.history;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.profile.Environment;
import dev.backtrack.sandbox.DemoManifest;
import dev.backtrack.testing.TestServers;
import dev.backtrack.ui.browse.EngineBackend;
import dev.backtrack.ui.connection.ConnectionEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;

/** Demo data on the shared test servers and a "demo" connection entry, as ui/main's UiFixture (package-private there) makes them. */
final class HistoryUiFixture {
    private static DemoManifest manifest;

    private HistoryUiFixture() {
    }

    static synchronized DemoManifest demo() {
        if (manifest == null) {
            manifest = dev.backtrack.ui.UiTestSupport.demo("uihist");
        }
        return manifest;
    }

    static List<ConnectionEntry> entries() {
        ConnectionSettings demo = ConnectionSettings.plaintext(TestServers.bootstrap()).withName("demo")
                .withRegistry(RegistrySettings.of(TestServers.registryUrl()));
        return List.of(new ConnectionEntry("demo", "#8250df", Environment.DEV, () -> EngineBackend.connect(demo, null)));
    }

    static Path snapshot(Scene scene, Path file) throws IOException {
        return dev.backtrack.ui.UiTestSupport.snapshot(scene, file);
    }
}
