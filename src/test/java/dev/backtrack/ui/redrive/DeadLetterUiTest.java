package dev.backtrack.ui.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.profile.Environment;
import dev.backtrack.redrive.DeadLetterParser;
import dev.backtrack.redrive.TriageGroup;
import dev.backtrack.sandbox.DemoData;
import dev.backtrack.sandbox.DemoManifest;
import dev.backtrack.sandbox.DemoSizes;
import dev.backtrack.sandbox.DemoTopic;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import dev.backtrack.ui.browse.BrowseView;
import dev.backtrack.ui.browse.EngineBackend;
import dev.backtrack.ui.browse.MessageRow;
import dev.backtrack.ui.common.Theme;
import dev.backtrack.ui.common.UiExecutor;
import dev.backtrack.ui.common.UiSettingsStore;
import dev.backtrack.ui.connection.ConnectionEntry;
import dev.backtrack.ui.connection.ConnectionTab;
import dev.backtrack.ui.main.MainWindow;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
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
 * Dead-letter triage and edit & send in a real window against the real broker and registry with the demo data:
 * open orders-dlt, the notice, the triage groups, "open original record", an invalid then a valid edit & send
 * that lands in orders with the same schema id, the journal mark, and a group sent back; screenshots light and dark.
 */
@ExtendWith({ApplicationExtension.class, dev.backtrack.testing.RestoresDirProperties.class})
class DeadLetterUiTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    @TempDir
    static Path configDir;
    private static DemoManifest demo;
    private static ConnectionSettings settings;
    private MainWindow window;

    @AfterEach
    void closeWindow() {
        dev.backtrack.ui.UiTestSupport.shutdown(window);
    }

    private Stage stage;

    @BeforeAll
    static void data() {
        System.setProperty("backtrack.config.dir", configDir.toString());
        System.setProperty("backtrack.data.dir", configDir.resolve("data").toString());
        demo = DemoData.create(TestServers.bootstrap(), TestServers.registryUrl(), DemoSizes.SMALL,
                TestTopics.unique("uidlt") + "-", s -> { });
        settings = ConnectionSettings.plaintext(TestServers.bootstrap()).withName("demo")
                .withRegistry(RegistrySettings.of(TestServers.registryUrl()));
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
        window.addEntries(List.of(new ConnectionEntry("demo", "#8250df", Environment.DEV, () -> EngineBackend.connect(settings, null))));
    }

    @Test
    void triageTheDemoDeadLettersOpenTheOriginalEditAndSendOneAndSendAGroupBack(FxRobot robot) throws Exception {
        ConnectionTab tab = connect(robot);
        String dlt = demo.topics().get(DemoTopic.ORDERS_DLT);
        String orders = demo.topics().get(DemoTopic.ORDERS);
        BrowseView browse = open(robot, tab, dlt);

        // the Actions menu offers triage for the topic and edit & send for a selected dead letter
        robot.interact(() -> browse.table().getSelectionModel().select(0));
        List<javafx.scene.control.MenuItem> actions = fx(() -> new DeadLetterFeature().actions(tab.workbench(), tab.workbench().selection()));
        assertThat(actions).extracting(javafx.scene.control.MenuItem::getId).containsExactly("action-triage", "action-edit-send");
        assertThat(actions).noneMatch(javafx.scene.control.MenuItem::isDisable);
        // the notice offers triage
        assertThat(robot.lookup("#dlt-notice").query().isVisible()).isTrue();
        assertThat(robot.lookup("#dlt-notice-text").queryAs(Label.class).getText()).startsWith(dlt + " is a dead-letter topic");
        robot.clickOn("#dlt-notice-open");
        TriageView triage = await().atMost(WAIT).until(() -> fx(() -> openView(tab, TriageView.class)), v -> v != null);
        TriageViewModel vm = triage.viewModel();
        await().atMost(WAIT).until(() -> fx(() -> !vm.loadingProperty().get() && !vm.letters().isEmpty()));
        long total = fx(() -> vm.groups().stream().mapToLong(TriageGroup::count).sum());
        assertThat(total).isEqualTo(demo.deadLetters().size());
        assertThat(fx(() -> vm.groups().size())).isGreaterThan(1);
        assertThat(fx(() -> robot.lookup("#triage-status").queryAs(Label.class).getText()))
                .startsWith(demo.deadLetters().size() + " dead letters in ");
        LetterRow first = fx(() -> triage.lettersView().getSelectionModel().getSelectedItem());
        assertThat(first).isNotNull();
        assertThat(fx(() -> robot.lookup("#triage-stacktrace").queryAs(javafx.scene.control.TextArea.class).getText()))
                .contains("\tat ");
        snapshot("triage-light.png");
        robot.interact(() -> window.setTheme(Theme.DARK));
        snapshot("triage-dark.png");
        robot.interact(() -> window.setTheme(Theme.LIGHT));

        // open the original record: the browse tab shows orders with that record selected
        robot.clickOn("#open-original");
        var origin = first.letter().origin();
        await().atMost(WAIT).until(() -> fx(() -> {
            MessageRow row = browse.viewModel().selectedProperty().get();
            return orders.equals(browse.viewModel().topicProperty().get()) && row != null
                    && row.partition() == origin.partition() && row.offset() == origin.offset();
        }));

        // edit & send one dead letter: an invalid edit is refused in place, a valid one lands in orders
        robot.interact(() -> tab.views().getSelectionModel().select(tabOf(tab, triage)));
        robot.clickOn("#edit-send");
        EditSendView edit = await().atMost(WAIT).until(() -> fx(() -> openView(tab, EditSendView.class)), v -> v != null);
        EditSendViewModel evm = edit.viewModel();
        await().atMost(WAIT).until(() -> fx(() -> evm.readyProperty().get() && evm.validProperty().get()));
        String value = fx(() -> edit.valueArea().getText());
        assertThat(value).contains("\"postalCode\"");
        assertThat(fx(() -> edit.valueArea().getStyleOfChar(value.indexOf("\"postalCode\"") + 1))).contains("json-key");
        String status = value.substring(value.indexOf("\"status\""), value.indexOf('\n', value.indexOf("\"status\"")));
        robot.interact(() -> edit.valueArea().replaceText(value.replace(status, "\"status\" : \"LOST\",")));
        await().atMost(WAIT).until(() -> fx(() -> !evm.validProperty().get() && evm.validationProperty().get() != null));
        assertThat(fx(() -> robot.lookup("#edit-validation").queryAs(Label.class).getText())).contains("status");
        assertThat(fx(() -> robot.lookup("#edit-send-button").query().isDisabled())).isTrue();
        snapshot("edit-invalid-light.png");
        String postal = value.substring(value.indexOf("\"postalCode\""), value.indexOf('\n', value.indexOf("\"postalCode\"")));
        robot.interact(() -> edit.valueArea().replaceText(value.replace(postal, "\"postalCode\" : \"10115\",")));
        await().atMost(WAIT).until(() -> fx(() -> evm.validProperty().get() && !evm.diff().isEmpty()
                && evm.diff().stream().anyMatch(d -> d.path().endsWith("/postalCode"))));
        snapshot("edit-light.png");
        robot.interact(() -> window.setTheme(Theme.DARK));
        snapshot("edit-dark.png");
        robot.interact(() -> window.setTheme(Theme.LIGHT));
        robot.clickOn("#edit-send-button");
        await().atMost(WAIT).until(() -> fx(() -> evm.sentProperty().get() != null || evm.errorProperty().get() != null));
        assertThat(fx(() -> evm.errorProperty().get())).isNull();
        var sent = fx(() -> evm.sentProperty().get());
        assertThat(sent.topic()).isEqualTo(orders);
        assertThat(sent.valueSchemaId()).isEqualTo(demo.schemas().ordersV1Id());
        RawRecord landed = readOne(orders, sent.partition(), sent.offset());
        assertThat(java.nio.ByteBuffer.wrap(landed.value(), 1, 4).getInt()).isEqualTo(demo.schemas().ordersV1Id());
        assertThat(new String(landed.lastHeader("backtrack.redrive.source").value())).isEqualTo(dlt + "/" + first.coordinates().replace('@', '/'));
        assertThat(landed.headers()).noneMatch(h -> h.key().startsWith("kafka_dlt-"));
        assertThat(DeadLetterParser.looksLikeDeadLetter(landed)).isFalse();

        // back in the triage, the letter is marked from the journal
        robot.interact(() -> tab.views().getSelectionModel().select(tabOf(tab, triage)));
        await().atMost(WAIT).until(() -> fx(() -> vm.letters().stream()
                .anyMatch(r -> r.coordinates().equals(first.coordinates()) && r.redriveState().startsWith("landed " + orders))));

        // send the smallest group back: confirmation with count, target and guard; report
        robot.interact(() -> {
            triage.groupsView().getSelectionModel().clearSelection();
            triage.groupsView().getSelectionModel().select(vm.groups().size() - 1);
        });
        TriageGroup group = fx(() -> triage.groupsView().getSelectionModel().getSelectedItem());
        robot.clickOn("#send-back");
        assertThat(fx(() -> robot.lookup("#send-headline").queryAs(Label.class).getText()))
                .isEqualTo("Send " + group.count() + " dead letter" + (group.count() == 1 ? "" : "s") + " back to " + orders + "?");
        assertThat(fx(() -> robot.lookup("#send-guard").queryAs(Label.class).getText())).contains("not a protected profile");
        // bulk edit: one field set on every value of the group, previewed in a dry run, then sent for real
        robot.clickOn("#send-opt-set").write("shippingAddress.postalCode=\"10115\"");
        robot.clickOn("#send-opt-dry-run");
        snapshot("send-confirm-light.png");
        robot.clickOn("#send-confirm");
        SendBackViewModel send = triage.sendViewModel();
        await().atMost(WAIT).until(() -> fx(() -> send.phaseProperty().get() == SendBackViewModel.Phase.DONE));
        assertThat(fx(() -> send.errorProperty().get())).isNull();
        var dry = fx(() -> send.reportProperty().get());
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.previews()).isNotEmpty().allSatisfy(p -> assertThat(p.changes()).extracting(c -> c.path())
                .containsExactly("/shippingAddress/postalCode"));
        assertThat(fx(() -> robot.lookup("#send-headline").queryAs(Label.class).getText())).startsWith("Dry run: would send ");
        snapshot("send-dry-run-light.png");
        robot.clickOn("#send-for-real");
        await().atMost(WAIT).until(() -> fx(() -> send.phaseProperty().get() == SendBackViewModel.Phase.DONE
                && !send.reportProperty().get().dryRun()));
        assertThat(fx(() -> send.errorProperty().get())).isNull();
        var report = fx(() -> send.reportProperty().get());
        assertThat(report.sent() + report.skippedAlreadySent()).isEqualTo(group.count());
        assertThat(report.failed()).isZero();
        assertThat(report.landed()).isEqualTo(report.sent());
        assertThat(fx(() -> robot.lookup("#send-headline").queryAs(Label.class).getText())).startsWith("Done: sent " + report.sent());
        var decoder = new dev.backtrack.codec.RecordDecoder(settings.registry());
        List<RawRecord> redriven = DltFixture.readAll(new KafkaClients(settings), orders).stream()
                .filter(r -> r.lastHeader("backtrack.redrive.id") != null).toList();
        assertThat(redriven).hasSize((int) (report.sent() + 1));
        assertThat(redriven.stream().filter(r -> decoder.decode(r).value().json().path("shippingAddress").path("postalCode")
                .asText().equals("10115"))).hasSize((int) (report.sent() + 1));
        await().atMost(WAIT).until(() -> fx(() -> vm.letters().stream().allMatch(LetterRow::redriven)));
        snapshot("send-report-light.png");
        robot.interact(() -> window.setTheme(Theme.DARK));
        snapshot("send-report-dark.png");
        robot.interact(() -> window.setTheme(Theme.LIGHT));
        robot.clickOn("#send-close");
    }

    private ConnectionTab connect(FxRobot robot) {
        robot.clickOn(dev.backtrack.ui.UiTestSupport.profileCell(robot, "demo"));
        robot.clickOn("#connect");
        await().atMost(WAIT).until(() -> fx(() -> window.tabs().getTabs().size()) > 0);
        ConnectionTab tab = (ConnectionTab) fx(() -> window.tabs().getSelectionModel().getSelectedItem());
        await().atMost(WAIT).until(() -> fx(() -> tab.viewModel().visibleTopics().size()) > 0);
        return tab;
    }

    private BrowseView open(FxRobot robot, ConnectionTab tab, String topic) {
        robot.interact(() -> tab.viewModel().filterProperty().set(topic));
        Node cell = dev.backtrack.ui.UiTestSupport.topicCell(robot, topic);
        robot.clickOn(cell);
        BrowseView view = tab.browseView();
        await().atMost(WAIT).until(() -> fx(() -> !view.viewModel().busyProperty().get() && !view.viewModel().rows().isEmpty()));
        return view;
    }

    private static <T> T openView(ConnectionTab tab, Class<T> type) {
        for (Tab t : tab.views().getTabs()) {
            if (type.isInstance(t.getContent()) && t.isSelected()) {
                return type.cast(t.getContent());
            }
        }
        return null;
    }

    private static Tab tabOf(ConnectionTab tab, Node content) {
        return tab.views().getTabs().stream().filter(t -> t.getContent() == content).findFirst().orElseThrow();
    }

    private static RawRecord readOne(String topic, int partition, long offset) {
        KafkaClients clients = new KafkaClients(settings);
        return DltFixture.readAll(clients, topic).stream().filter(r -> r.partition() == partition && r.offset() == offset)
                .findFirst().orElseThrow();
    }

    private static <T> T fx(Callable<T> c) {
        return dev.backtrack.ui.UiTestSupport.fx(c);
    }

    private void snapshot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(60, TimeUnit.SECONDS);
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        BufferedImage rgb = new BufferedImage(buffered.getWidth(), buffered.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(buffered, 0, 0, null);
        Path dir = Path.of(System.getProperty("backtrack.apicurio.dir", "target/apicurio")).getParent().resolve("screenshots");
        Files.createDirectories(dir);
        ImageIO.write(rgb, "png", dir.resolve("dlt-" + name).toFile());
    }
}
