package dev.backtrack.ui.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.history.JourneyStep;
import dev.backtrack.sandbox.DemoManifest;
import dev.backtrack.sandbox.DemoTopic;
import dev.backtrack.ui.browse.BrowseView;
import dev.backtrack.ui.common.Theme;
import dev.backtrack.ui.common.UiExecutor;
import dev.backtrack.ui.common.UiSettingsStore;
import dev.backtrack.ui.connection.ConnectionTab;
import dev.backtrack.ui.main.MainWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
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

/**
 * The history feature in a real window on the demo data: Actions → History of this key on an order shows its
 * versions with a diff and a state as of a time; Actions → Follow this trace shows the order's journey
 * through orders → payments → shipments. Screenshots of both in light and dark.
 */
@ExtendWith({ApplicationExtension.class, dev.backtrack.testing.RestoresDirProperties.class})
class HistoryUiTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

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
        demo = HistoryUiFixture.demo();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        UiSettingsStore store = new UiSettingsStore(configDir.resolve("ui-settings-" + System.nanoTime() + ".json"));
        store.settings().theme = "LIGHT";
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getBounds();
        store.settings().windowWidth = Math.min(1500, screen.getWidth());
        store.settings().windowHeight = Math.min(900, screen.getHeight());
        window = new MainWindow(store, UiExecutor.fx());
        window.showIn(stage);
        window.addEntries(HistoryUiFixture.entries());
    }

    private static Path screenshot(String name) {
        String apicurio = System.getProperty("backtrack.apicurio.dir");
        Path base = apicurio == null ? Path.of("target") : Path.of(apicurio).getParent();
        return base.resolve("screenshots").resolve(name);
    }

    private static <T> T fx(Callable<T> c) {
        return dev.backtrack.ui.UiTestSupport.fx(c);
    }

    private ConnectionTab connect(FxRobot robot) {
        Node cell = dev.backtrack.ui.UiTestSupport.profileCell(robot, "demo");
        robot.clickOn(cell);
        robot.clickOn("#connect");
        await().atMost(WAIT).until(() -> fx(() -> window.tabs().getTabs().size()) > 0);
        ConnectionTab tab = (ConnectionTab) fx(() -> window.tabs().getSelectionModel().getSelectedItem());
        await().atMost(WAIT).until(() -> fx(() -> tab.viewModel().visibleTopics().size()) > 0);
        return tab;
    }

    /** Shows the record in the browse tab (selected) the way "open record" does. */
    private void select(ConnectionTab tab, DemoManifest.FlowStep step) {
        String topic = demo.topic(step.topic());
        BrowseView view = tab.browseView();
        WaitForAsyncUtils.asyncFx(() -> tab.workbench().browseAt(topic, step.partition(), step.offset()));
        await().atMost(WAIT).until(() -> fx(() -> !view.viewModel().busyProperty().get()
                && view.viewModel().selectedProperty().get() != null
                && view.viewModel().selectedProperty().get().record().raw().offset() == step.offset()
                && view.viewModel().selectedProperty().get().record().raw().topic().equals(topic)));
    }

    private void action(FxRobot robot, String id) {
        robot.clickOn("#browse-actions");
        robot.clickOn("#" + id);
    }

    private <T> T openedView(ConnectionTab tab, Class<T> type) {
        await().atMost(WAIT).until(() -> fx(() -> type.isInstance(tab.views().getSelectionModel().getSelectedItem().getContent())));
        return type.cast(fx(() -> tab.views().getSelectionModel().getSelectedItem().getContent()));
    }

    private void snapshots(String name) throws Exception {
        HistoryUiFixture.snapshot(stage.getScene(), screenshot(name + "-light.png"));
        WaitForAsyncUtils.asyncFx(() -> window.setTheme(Theme.DARK)).get();
        WaitForAsyncUtils.waitForFxEvents();
        HistoryUiFixture.snapshot(stage.getScene(), screenshot(name + "-dark.png"));
        WaitForAsyncUtils.asyncFx(() -> window.setTheme(Theme.LIGHT)).get();
    }

    @Test
    void historyOfAnOrdersKeyThenTheJourneyOfItsTrace(FxRobot robot) throws Exception {
        ConnectionTab tab = connect(robot);
        DemoManifest.FlowFact flow = demo.flows().stream().filter(f -> !f.deadLettered()).findFirst().orElseThrow();
        DemoManifest.FlowStep orderStep = flow.steps().stream().filter(s -> s.topic() == DemoTopic.ORDERS).findFirst().orElseThrow();
        select(tab, orderStep);

        // history of the order's key (the customer id): every order of that customer, with diffs
        action(robot, "action-key-history");
        KeyHistoryView history = openedView(tab, KeyHistoryView.class);
        KeyHistoryViewModel hvm = history.viewModel();
        await().atMost(WAIT).until(() -> fx(() -> !hvm.busyProperty().get() && hvm.historyProperty().get() != null));
        assertThat(fx(() -> hvm.errorProperty().get())).isNull();
        assertThat(fx(() -> hvm.keyProperty().get())).isEqualTo(flow.customerId());
        int versions = fx(() -> hvm.versions().size());
        assertThat(versions).isGreaterThan(1);
        assertThat(fx(() -> hvm.versions().stream().allMatch(v -> v.record().raw().partition() == orderStep.partition()))).isTrue();
        assertThat(fx(() -> hvm.versions().stream().anyMatch(v -> v.record().raw().offset() == orderStep.offset()))).isTrue();
        robot.interact(() -> hvm.selectedProperty().set(hvm.versions().get(1)));
        assertThat(fx(() -> hvm.versions().get(1).diff())).isNotEmpty();
        await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#history-diff .diff-row").queryAll().size() == hvm.versions().get(1).diff().size()));
        assertThat(fx(() -> robot.lookup("#history-value").queryAs(org.fxmisc.richtext.CodeArea.class).getText())).contains("\"orderId\"");

        // state as of the second version's time: that version
        LocalDateTime at = LocalDateTime.ofInstant(fx(() -> hvm.versions().get(1).time()), TimeText.zone(false));
        robot.interact(() -> {
            robot.lookup("#history-asof-date").queryAs(DatePicker.class).setValue(at.toLocalDate());
            robot.lookup("#history-asof-time").queryAs(TextField.class).setText(at.toLocalTime().toString());
        });
        robot.clickOn("#history-asof-go");
        await().atMost(WAIT).until(() -> fx(() -> hvm.asOfProperty().get() != null));
        assertThat(fx(() -> hvm.asOfProperty().get().version())).isSameAs(fx(() -> hvm.versions().get(1)));
        assertThat(fx(() -> robot.lookup("#history-asof-result").queryAs(Label.class).getText())).startsWith("state of the version at");
        assertThat(fx(() -> robot.lookup("#history-value-title").queryAs(Label.class).getText())).startsWith("State as of");
        snapshots("history");

        // each version links to its record
        robot.clickOn("#history-open-record");
        BrowseView browse = tab.browseView();
        long wanted = fx(() -> hvm.versions().get(1).record().raw().offset());
        await().atMost(WAIT).until(() -> fx(() -> tab.views().getSelectionModel().getSelectedItem().getId().equals("view-browse")
                && !browse.viewModel().busyProperty().get() && browse.viewModel().selectedProperty().get() != null
                && browse.viewModel().selectedProperty().get().record().raw().offset() == wanted));

        // follow the order's trace: orders → payments → shipments, in time order, with the gaps
        select(tab, orderStep);
        action(robot, "action-follow-trace");
        JourneyView journey = openedView(tab, JourneyView.class);
        JourneyViewModel jvm = journey.viewModel();
        searchThisDemoOnly(robot, jvm);
        assertThat(fx(() -> jvm.errorProperty().get())).isNull();
        List<String> expected = flow.steps().stream().sorted(Comparator.comparingLong(DemoManifest.FlowStep::timestamp))
                .map(s -> demo.topic(s.topic()) + "/" + s.partition() + "@" + s.offset()).toList();
        assertThat(fx(() -> jvm.steps().stream().map(s -> s.record().raw().coordinates()).toList())).containsExactlyElementsOf(expected);
        assertThat(fx(() -> jvm.steps().stream().map(JourneyStep::topic).toList())).containsExactly(demo.topic(DemoTopic.ORDERS),
                demo.topic(DemoTopic.PAYMENTS), demo.topic(DemoTopic.SHIPMENTS));
        assertThat(fx(() -> jvm.selectedTopics())).contains(demo.topic(DemoTopic.ORDERS_DLT), demo.topic(DemoTopic.CUSTOMERS));
        assertThat(fx(() -> robot.lookup("#journey-strip .journey-step").queryAll().size())).isEqualTo(3);
        assertThat(fx(() -> robot.lookup("#journey-strip .journey-gap").queryAll().size())).isEqualTo(2);
        robot.clickOn("#journey-step-1");
        assertThat(fx(() -> jvm.selectedProperty().get())).isSameAs(fx(() -> jvm.steps().get(1)));
        assertThat(fx(() -> robot.lookup("#journey-value").queryAs(org.fxmisc.richtext.CodeArea.class).getText())).contains("\"orderId\"");
        assertThat(fx(() -> robot.lookup("#journey-trace").queryAs(Label.class).getText())).contains(flow.traceId());
        snapshots("journey");

        // closing the view tab stops its job and removes it
        Tab journeyTab = fx(() -> tab.views().getSelectionModel().getSelectedItem());
        robot.interact(() -> tab.workbench().closeView("journey:" + flow.traceId()));
        assertThat(fx(() -> tab.views().getTabs().contains(journeyTab))).isFalse();

        // an order that ended in the dead-letter topic: the last step is the dead letter, with its exception
        DemoManifest.FlowFact dead = demo.flows().stream().filter(DemoManifest.FlowFact::deadLettered).findFirst().orElseThrow();
        select(tab, dead.steps().stream().filter(s -> s.topic() == DemoTopic.ORDERS).findFirst().orElseThrow());
        action(robot, "action-follow-trace");
        JourneyViewModel dvm = openedView(tab, JourneyView.class).viewModel();
        searchThisDemoOnly(robot, dvm);
        assertThat(fx(() -> dvm.steps().stream().map(JourneyStep::topic).toList())).containsExactly(demo.topic(DemoTopic.ORDERS),
                demo.topic(DemoTopic.PAYMENTS), demo.topic(DemoTopic.ORDERS_DLT));
        robot.clickOn("#journey-step-2");
        assertThat(fx(() -> robot.lookup("#journey-dead-letter").queryAs(Label.class).getText()))
                .startsWith("Dead letter from " + demo.topic(DemoTopic.ORDERS));
        assertThat(fx(() -> robot.lookup("#journey-strip .journey-dead-badge").queryAll().size())).isEqualTo(1);
        HistoryUiFixture.snapshot(stage.getScene(), screenshot("journey-dead-letter-light.png"));
    }

    /** Other tests' demo copies on the shared cluster carry the same (deterministic) trace ids: search this copy only. */
    private void searchThisDemoOnly(FxRobot robot, JourneyViewModel vm) {
        await().atMost(WAIT).until(() -> fx(() -> !vm.busyProperty().get() && vm.journeyProperty().get() != null));
        List<String> mine = fx(() -> vm.topics().stream().map(JourneyViewModel.TopicChoice::name)
                .filter(n -> n.startsWith(demo.topicPrefix())).toList());
        robot.interact(() -> {
            vm.selectOnly(mine);
            vm.search();
        });
        await().atMost(WAIT).until(() -> fx(() -> !vm.busyProperty().get() && vm.journeyProperty().get() != null));
    }
}
