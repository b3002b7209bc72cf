package dev.backtrack.ui.history;

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

/** Demo data on the shared test servers and a "demo" connection entry, as ui/main's UiFixture (package-private there) makes them. */
final class HistoryUiFixture {
    private static DemoManifest manifest;

    private HistoryUiFixture() {
    }

    static synchronized DemoManifest demo() {
        if (manifest == null) {
            String prefix = TestTopics.unique("uihist") + "-";
            manifest = DemoData.create(TestServers.bootstrap(), TestServers.registryUrl(), DemoSizes.SMALL, prefix, s -> { });
        }
        return manifest;
    }

    static List<ConnectionEntry> entries() {
        ConnectionSettings demo = ConnectionSettings.plaintext(TestServers.bootstrap()).withName("demo")
                .withRegistry(RegistrySettings.of(TestServers.registryUrl()));
        return List.of(new ConnectionEntry("demo", "#8250df", Environment.DEV, () -> EngineBackend.connect(demo, null)));
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
