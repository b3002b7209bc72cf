package dev.backtrack.ui.groups;

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

/** Demo data and connection entries for this package's UI test (as ui/main's UiFixture, which is package-private). */
final class UiDemo {
    private static DemoManifest manifest;

    private UiDemo() {
    }

    static synchronized DemoManifest demo() {
        if (manifest == null) {
            manifest = dev.backtrack.ui.UiTestSupport.demo("uig");
        }
        return manifest;
    }

    /** "demo" with the registry, "bare" without one, "prod-eu" write-protected. */
    static List<ConnectionEntry> entries() {
        ConnectionSettings demo = ConnectionSettings.plaintext(TestServers.bootstrap()).withName("demo")
                .withRegistry(RegistrySettings.of(TestServers.registryUrl()));
        ConnectionSettings bare = ConnectionSettings.plaintext(TestServers.bootstrap()).withName("bare");
        ConnectionSettings prod = demo.withName("prod-eu").withWriteProtected(true);
        return List.of(
                new ConnectionEntry("demo", "#8250df", Environment.DEV, () -> EngineBackend.connect(demo, null)),
                new ConnectionEntry("bare", null, Environment.TEST, () -> EngineBackend.connect(bare, null)),
                new ConnectionEntry("prod-eu", null, Environment.PROD, () -> EngineBackend.connect(prod, null)));
    }

    /** Screenshots go to the build dir of this run (beside the Apicurio dir), else target/. */
    static Path screenshot(String name) {
        String apicurio = System.getProperty("backtrack.apicurio.dir");
        Path dir = apicurio == null ? Path.of("target") : Path.of(apicurio).getParent();
        return dir.resolve("screenshots").resolve(name);
    }

    static Path snapshot(Scene scene, Path file) throws IOException {
        return dev.backtrack.ui.UiTestSupport.snapshot(scene, file);
    }
}
