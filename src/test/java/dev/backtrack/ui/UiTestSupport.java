package dev.backtrack.ui;

import static org.awaitility.Awaitility.await;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.sandbox.DemoData;
import dev.backtrack.sandbox.DemoManifest;
import dev.backtrack.sandbox.DemoSizes;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What every desktop test needs: demo data on the shared servers, connection settings, FX calls, screenshots. */
public final class UiTestSupport {
    private UiTestSupport() {
    }

    /** A fresh copy of the sandbox's demo data (small sizes) under a unique topic prefix starting with {@code label}. */
    public static DemoManifest demo(String label) {
        String prefix = TestTopics.unique(label) + "-";
        return DemoData.create(TestServers.bootstrap(), TestServers.registryUrl(), DemoSizes.SMALL, prefix, s -> { });
    }

    /** Plaintext settings on the shared test cluster, named {@code name}, with the shared registry. */
    public static ConnectionSettings demoSettings(String name) {
        return ConnectionSettings.plaintext(TestServers.bootstrap()).withName(name)
                .withRegistry(RegistrySettings.of(TestServers.registryUrl()));
    }

    /** Shuts a test's main window down as the app does on exit: tabs disconnect and the settings are written, no later. */
    public static void shutdown(dev.backtrack.ui.main.MainWindow window) {
        if (window != null) {
            fxRun(window::shutdown);
        }
    }

    /** Runs {@code c} on the FX thread and returns its result (60 s at most). */
    public static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void fxRun(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
    }

    /**
     * The node under {@code selector} that {@code match} accepts, once the scene shows it (90 s at most): a list or
     * table lays its cells out on a pulse after the one that filled its items, so a lookup right after the data
     * arrived can come up empty.
     */
    public static Node shownNode(FxRobot robot, String selector, Predicate<Node> match) {
        return await().atMost(Duration.ofSeconds(90))
                .until(() -> fx(() -> robot.lookup(selector).match(match).<Node>tryQuery()), java.util.Optional::isPresent).get();
    }

    /** The connections list's entry for the profile {@code name}, once shown. */
    public static Node profileCell(FxRobot robot, String name) {
        return shownNode(robot, "#profile-list .profile-name", n -> ((javafx.scene.control.Label) n).getText().equals(name));
    }

    /** The topic list's entry for {@code topic}, once shown. */
    public static Node topicCell(FxRobot robot, String topic) {
        return shownNode(robot, ".topic-name", n -> ((javafx.scene.control.Label) n).getText().equals(topic));
    }

    /** Scrolls the browse view's message table to row {@code index} and clicks it once shown. */
    public static void clickMessageRow(FxRobot robot, dev.backtrack.ui.browse.BrowseView view, int index) {
        robot.interact(() -> view.table().scrollTo(index));
        robot.clickOn(shownNode(robot, "#message-table .table-row-cell", n -> ((javafx.scene.control.TableRow<?>) n).getIndex() == index));
    }

    /** Writes a PNG of the scene once pending FX events ran. */
    public static Path snapshot(Scene scene, Path file) throws IOException {
        WritableImage image;
        try {
            WaitForAsyncUtils.waitForFxEvents();
            image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(60, TimeUnit.SECONDS);
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
