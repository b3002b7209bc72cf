package dev.backtrack.ui.main;

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

/** Demo data (the sandbox generator, small sizes, unique prefix) on the shared test servers, made once per run. */
final class UiFixture {
    private static DemoManifest manifest;

    private UiFixture() {
    }

    static synchronized DemoManifest demo() {
        if (manifest == null) {
            manifest = dev.backtrack.ui.UiTestSupport.demo("ui");
        }
        return manifest;
    }

    static ConnectionSettings settings(String name) {
        return ConnectionSettings.plaintext(TestServers.bootstrap()).withName(name)
                .withRegistry(RegistrySettings.of(TestServers.registryUrl()));
    }

    /** "demo" (dev), "prod-eu" (prod, same cluster, to show the badge) and "staging" (test, unreachable). */
    static List<ConnectionEntry> entries() {
        ConnectionSettings demo = settings("demo");
        ConnectionSettings prod = settings("prod-eu").withWriteProtected(true);
        ConnectionSettings unreachable = ConnectionSettings.plaintext("127.0.0.1:" + TestServers.freePort()).withName("staging");
        return List.of(
                new ConnectionEntry("demo", "#8250df", Environment.DEV, () -> EngineBackend.connect(demo, null)),
                new ConnectionEntry("prod-eu", null, Environment.PROD, () -> EngineBackend.connect(prod, null)),
                new ConnectionEntry("staging", null, Environment.TEST, () -> EngineBackend.connect(unreachable, null)));
    }

    static Path snapshot(Scene scene, Path file) throws IOException {
        return dev.backtrack.ui.UiTestSupport.snapshot(scene, file);
    }
}
