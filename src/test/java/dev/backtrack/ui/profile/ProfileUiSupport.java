package dev.backtrack.ui.profile;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.profile.Environment;
import dev.backtrack.profile.InMemorySecretStore;
import dev.backtrack.profile.ProfileConnections;
import dev.backtrack.profile.ProfileContext;
import dev.backtrack.testing.TestServers;
import dev.backtrack.ui.browse.EngineBackend;
import dev.backtrack.ui.common.UiExecutor;
import dev.backtrack.ui.common.UiSettingsStore;
import dev.backtrack.ui.connection.ConnectionEntry;
import dev.backtrack.ui.main.MainWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/** Shared pieces of the profile UI tests: an isolated profile context, the main window, entries, screenshots. */
final class ProfileUiSupport {
    private ProfileUiSupport() {
    }

    /** A fresh profile context (own files, in-memory secrets, own prod guard) installed for the process. */
    static ProfileContext installContext(String label) throws IOException {
        Path base = Path.of(System.getProperty(ProfileContext.CONFIG_DIR_PROPERTY, System.getProperty("java.io.tmpdir")));
        Path dir = Files.createDirectories(base.resolve(label + "-" + System.nanoTime()));
        ProfileContext context = new ProfileContext(dir, dir, InMemorySecretStore::new);
        ProfileConnections.install(context);
        return context;
    }

    static MainWindow startWindow(Stage stage, Path settingsDir) {
        UiSettingsStore store = new UiSettingsStore(settingsDir.resolve("ui-settings-" + System.nanoTime() + ".json"));
        store.settings().theme = "LIGHT";
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getBounds();
        store.settings().windowWidth = Math.min(1400, screen.getWidth());
        store.settings().windowHeight = Math.min(860, screen.getHeight());
        MainWindow window = new MainWindow(store, UiExecutor.fx());
        window.showIn(stage);
        return window;
    }

    /** "demo" (dev) and "prod-eu" (write-protected ad-hoc settings on the same test cluster), as in the main window test. */
    static List<ConnectionEntry> entries() {
        ConnectionSettings demo = ConnectionSettings.plaintext(TestServers.bootstrap()).withName("demo");
        ConnectionSettings prod = ConnectionSettings.plaintext(TestServers.bootstrap()).withName("prod-eu").withWriteProtected(true);
        return List.of(new ConnectionEntry("demo", "#8250df", Environment.DEV, () -> EngineBackend.connect(demo, null)),
                new ConnectionEntry("prod-eu", null, Environment.PROD, () -> EngineBackend.connect(prod, null)));
    }

    static <T> T fx(Callable<T> c) {
        return dev.backtrack.ui.UiTestSupport.fx(c);
    }

    /** target/screenshots of this build (the build dir holds test-home/config, which surefire names). */
    static Path screenshot(String name) {
        String config = System.getProperty(ProfileContext.CONFIG_DIR_PROPERTY);
        Path build = config == null ? Path.of("target") : Path.of(config).getParent().getParent();
        return build.resolve("screenshots").resolve(name);
    }

    static Path snapshot(Scene scene, Path file) throws IOException {
        return dev.backtrack.ui.UiTestSupport.snapshot(scene, file);
    }

    /**
     * One row of the editor's "Test connection" results as it is on screen: mark (✓ ✗ –), step name,
     * message, the mark's style classes, and whether the message is drawn in full (a clipped label ends in "…").
     */
    record ShownStep(String mark, String name, String message, List<String> markStyles, boolean messageShownInFull) {
    }

    /** The rows of {@code #profile-test-steps} in order (read on the FX thread). */
    static List<ShownStep> shownSteps(FxRobot robot) {
        return fx(() -> {
            javafx.scene.layout.GridPane grid = robot.lookup("#profile-test-steps").queryAs(javafx.scene.layout.GridPane.class);
            java.util.Map<Integer, java.util.Map<Integer, Label>> rows = new java.util.TreeMap<>();
            for (javafx.scene.Node n : grid.getChildren()) {
                if (n instanceof Label l) {
                    rows.computeIfAbsent(javafx.scene.layout.GridPane.getRowIndex(l), r -> new java.util.TreeMap<>())
                            .put(javafx.scene.layout.GridPane.getColumnIndex(l), l);
                }
            }
            return rows.values().stream().map(cells -> {
                Label message = cells.get(2);
                javafx.scene.Node drawn = message.lookup(".text");
                boolean full = drawn instanceof javafx.scene.text.Text t
                        && t.getText().replace("\n", " ").replaceAll("\\s+", " ").trim()
                                .equals(message.getText().replaceAll("\\s+", " ").trim());
                return new ShownStep(cells.get(0).getText(), cells.get(1).getText(), message.getText(),
                        List.copyOf(cells.get(0).getStyleClass()), full);
            }).toList();
        });
    }
}
