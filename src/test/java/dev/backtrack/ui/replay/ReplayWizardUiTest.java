package dev.backtrack.ui.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.profile.Environment;
import dev.backtrack.replay.ReplayReport;
import dev.backtrack.sandbox.DemoManifest;
import dev.backtrack.sandbox.DemoTopic;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import dev.backtrack.ui.browse.BrowseView;
import dev.backtrack.ui.browse.EngineBackend;
import dev.backtrack.ui.common.Theme;
import dev.backtrack.ui.common.UiExecutor;
import dev.backtrack.ui.common.UiSettingsStore;
import dev.backtrack.ui.connection.ConnectionEntry;
import dev.backtrack.ui.connection.ConnectionTab;
import dev.backtrack.ui.main.MainWindow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The replay wizard in a real window: demo "orders", a timeline window, Actions → Replay…, every step, the report. */
@ExtendWith({ApplicationExtension.class, dev.backtrack.testing.RestoresDirProperties.class})
class ReplayWizardUiTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path SHOTS = Path.of(System.getProperty("backtrack.apicurio.dir", "target/apicurio")).getParent().resolve("screenshots");

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    @TempDir
    static Path configDir;
    private static DemoManifest demo;
    private MainWindow window;

    @AfterEach
    void closeWindow() {
        dev.backtrack.ui.UiTestSupport.shutdown(window);
    }

    private Stage stage;

    @BeforeAll
    static void data() {
        System.setProperty("backtrack.config.dir", configDir.toString());
        demo = dev.backtrack.ui.UiTestSupport.demo("uirp");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        UiSettingsStore store = new UiSettingsStore(configDir.resolve("ui-settings-" + System.nanoTime() + ".json"));
        store.settings().theme = "LIGHT";
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getBounds();
        store.settings().windowWidth = Math.min(1400, screen.getWidth());
        store.settings().windowHeight = Math.min(860, screen.getHeight());
        window = new MainWindow(store, UiExecutor.fx());
        window.showIn(stage);
        ConnectionSettings settings = ConnectionSettings.plaintext(TestServers.bootstrap()).withName("demo")
                .withRegistry(RegistrySettings.of(TestServers.registryUrl()));
        window.addEntries(List.of(new ConnectionEntry("demo", "#8250df", Environment.DEV, () -> EngineBackend.connect(settings, null))));
    }

    @Test
    void replayATimelineWindowOfOrdersIntoANewTopicAndSeeTheVerifiedReport(FxRobot robot) throws Exception {
        robot.clickOn(dev.backtrack.ui.UiTestSupport.profileCell(robot, "demo"));
        robot.clickOn("#connect");
        await().atMost(WAIT).until(() -> fx(() -> window.tabs().getTabs().size()) > 0);
        ConnectionTab tab = (ConnectionTab) fx(() -> window.tabs().getSelectionModel().getSelectedItem());
        await().atMost(WAIT).until(() -> fx(() -> tab.viewModel().visibleTopics().size()) > 0);
        String orders = demo.topics().get(DemoTopic.ORDERS);
        robot.interact(() -> tab.viewModel().filterProperty().set(orders));
        robot.clickOn(dev.backtrack.ui.UiTestSupport.topicCell(robot, orders));
        BrowseView view = tab.browseView();
        await().atMost(WAIT).until(() -> fx(() -> !view.viewModel().busyProperty().get() && !view.viewModel().rows().isEmpty()));

        // the burst chosen as a time window, as a drag on the timeline does
        robot.interact(() -> view.viewModel().seekTimeWindow(demo.orders().burstFrom(), demo.orders().burstTo()));
        await().atMost(WAIT).until(() -> fx(() -> !view.viewModel().busyProperty().get() && tab.workbench().selection().timeWindow() != null));

        robot.clickOn("#browse-actions");
        robot.clickOn("Replay…");
        await().atMost(WAIT).until(() -> robot.lookup("#replay-wizard").tryQuery().isPresent());
        ReplayWizardView wizard = robot.lookup("#replay-wizard").queryAs(ReplayWizardView.class);
        ReplayWizardViewModel vm = wizard.viewModel();
        assertThat(fx(() -> vm.source().rangeKindProperty().get())).isEqualTo(SourceStep.RangeKind.TIME_WINDOW);
        assertThat(fx(() -> vm.source().fromTimeProperty().get())).isEqualTo(demo.orders().burstFrom().toString());

        snapshot(SHOTS.resolve("replay-source-light.png"));
        robot.clickOn("#replay-next");
        await().atMost(WAIT).until(() -> fx(() -> !vm.target().loadingProperty().get()));
        String target = TestTopics.unique("orders-replay");
        ComboBox<?> topic = robot.lookup("#replay-target-topic").queryAs(ComboBox.class);
        robot.interact(() -> topic.getEditor().setText(target));
        assertThat(robot.lookup("#replay-target-status").queryAs(Label.class).getText()).isEqualTo("new topic");
        snapshot(SHOTS.resolve("replay-target-light.png"));
        robot.clickOn("#replay-next");
        await().atMost(WAIT).until(() -> fx(() -> !vm.options().samplingProperty().get()));
        // a rate limit keeps the run long enough to see its progress bars
        robot.clickOn("#replay-pace-rate");
        robot.interact(() -> vm.options().rateProperty().set("16"));
        robot.clickOn("#replay-compression");
        robot.clickOn("snappy");
        assertThat(fx(() -> vm.options().compressionProperty().get())).isEqualTo(dev.backtrack.replay.BatchCompression.SNAPPY);
        snapshot(SHOTS.resolve("replay-options-light.png"));

        robot.clickOn("#replay-next");
        await().atMost(WAIT).until(() -> fx(() -> vm.previewProperty().get() != null));
        assertThat(fx(() -> List.copyOf(vm.errors()))).isEmpty();
        assertThat(fx(() -> vm.previewProperty().get().matched())).isEqualTo(demo.orders().burstRecords());
        assertThat(robot.lookup("#replay-dry-compression").queryAs(Label.class).getText()).isEqualTo("Batches sent: snappy");
        shoot("replay-dry-run");

        // the status line under the buttons shows each step after sending as it starts (seen from the FX thread)
        List<String> statusLines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        fxRun(() -> vm.runStatusProperty().addListener((o, a, status) -> robot.lookup("#replay-run-status").tryQueryAs(Label.class)
                .ifPresent(line -> statusLines.add(line.isVisible() ? line.getText() : null))));
        robot.clickOn("#replay-next");
        await().atMost(WAIT).until(() -> fx(() -> vm.progressProperty().get() != null && vm.progressProperty().get().sent() > 0
                || vm.reportProperty().get() != null));
        snapshot(SHOTS.resolve("replay-run-light.png"));
        await().atMost(WAIT).until(() -> fx(() -> vm.reportProperty().get()) != null);
        ReplayReport report = fx(() -> vm.reportProperty().get());
        assertThat(report.written()).isEqualTo(demo.orders().burstRecords());
        assertThat(report.verified()).isTrue();
        assertThat(statusLines).startsWith("Waiting for the target to acknowledge the records sent…",
                "Reading the target back to verify what was written…");
        // the report page is built from the report in a later pulse: on a fast machine the lookup can come first
        await().atMost(WAIT).until(() -> fx(() -> !robot.lookup("#replay-report-headline").queryAll().isEmpty()));
        assertThat(robot.lookup("#replay-report-headline").queryAs(Label.class).getText()).startsWith("✓ Verified: " + report.written());
        assertThat(fx(() -> robot.lookup("#replay-command").queryAs(javafx.scene.control.TextArea.class).getText()))
                .startsWith("./backtrack replay " + orders + " --from-time " + demo.orders().burstFrom());
        shoot("replay-report");

        robot.clickOn("#replay-open-target");
        await().atMost(WAIT).until(() -> fx(() -> target.equals(view.viewModel().topicProperty().get())
                && !view.viewModel().busyProperty().get() && !view.viewModel().rows().isEmpty()));
    }

    private void shoot(String name) throws IOException {
        snapshot(SHOTS.resolve(name + "-light.png"));
        fxRun(() -> window.setTheme(Theme.DARK));
        snapshot(SHOTS.resolve(name + "-dark.png"));
        fxRun(() -> window.setTheme(Theme.LIGHT));
    }

    private void snapshot(Path file) throws IOException {
        dev.backtrack.ui.UiTestSupport.snapshot(stage.getScene(), file);
    }

    private static void fxRun(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(Callable<T> c) {
        return dev.backtrack.ui.UiTestSupport.fx(c);
    }
}
