package dev.backtrack.ui.groups;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.profile.Environment;
import dev.backtrack.sandbox.DemoData;
import dev.backtrack.sandbox.DemoManifest;
import dev.backtrack.sandbox.DemoSizes;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import dev.backtrack.ui.browse.EngineBackend;
import dev.backtrack.ui.connection.ConnectionEntry;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Demo data and connection entries for this package's UI test (as ui/main's UiFixture, which is package-private). */
final class UiDemo {
    private static DemoManifest manifest;

    private UiDemo() {
    }

    static synchronized DemoManifest demo() {
        if (manifest == null) {
            String prefix = TestTopics.unique("uig") + "-";
            manifest = DemoData.create(TestServers.bootstrap(), TestServers.registryUrl(), DemoSizes.SMALL, prefix, s -> { });
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
        WritableImage image;
        try {
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            image = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("snapshot failed: " + e, e);
        }
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        BufferedImage rgb = new BufferedImage(buffered.getWidth(), buffered.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(buffered, 0, 0, null);
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(rgb, "png", file.toFile());
        return file;
    }
}
