package dev.backtrack.ui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.sandbox.DemoManifest;
import dev.backtrack.sandbox.DemoTopic;
import dev.backtrack.testing.TestServers;
import dev.backtrack.ui.browse.BrowseView;
import dev.backtrack.ui.browse.MessageRow;
import dev.backtrack.ui.common.Theme;
import dev.backtrack.ui.common.UiExecutor;
import dev.backtrack.ui.common.UiSettingsStore;
import dev.backtrack.ui.connection.ConnectionTab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window in a real JavaFX window, against the real broker and registry with the demo data. */
@ExtendWith({ApplicationExtension.class, dev.backtrack.testing.RestoresDirProperties.class})
class MainWindowTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    static {
        // Monocle's headless screen is 1280x800 unless told otherwise; the screenshots want 1500x900
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
        demo = UiFixture.demo();
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
        window.addEntries(UiFixture.entries());
    }

    private ConnectionTab connect(FxRobot robot, String name) {
        robot.clickOn(dev.backtrack.ui.UiTestSupport.profileCell(robot, name));
        robot.clickOn("#connect");
        await().atMost(WAIT).until(() -> fx(() -> window.tabs().getTabs().size()) > 0);
        ConnectionTab tab = (ConnectionTab) fx(() -> window.tabs().getSelectionModel().getSelectedItem());
        await().atMost(WAIT).until(() -> fx(() -> tab.viewModel().visibleTopics().size()) > 0);
        return tab;
    }

    private BrowseView open(FxRobot robot, ConnectionTab tab, DemoTopic topic) {
        String name = demo.topics().get(topic);
        robot.interact(() -> tab.viewModel().filterProperty().set(name));
        Node cell = dev.backtrack.ui.UiTestSupport.topicCell(robot, name);
        robot.clickOn(cell);
        BrowseView view = tab.browseView();
        await().atMost(WAIT).until(() -> fx(() -> !view.viewModel().busyProperty().get() && !view.viewModel().rows().isEmpty()));
        return view;
    }

    private static <T> T fx(Callable<T> c) {
        return dev.backtrack.ui.UiTestSupport.fx(c);
    }

    @Test
    void connectOpenOrdersSeekPageAndInspectRecordWithSchema(FxRobot robot) throws Exception {
        ConnectionTab tab = connect(robot, "demo");
        assertThat(robot.lookup("#connection-state").queryAs(Label.class).getText()).startsWith("Connected to demo");
        BrowseView view = open(robot, tab, DemoTopic.ORDERS);
        assertThat(fx(() -> view.viewModel().rows().size())).isEqualTo(200);
        await().atMost(WAIT).until(() -> fx(() -> view.viewModel().timelineProperty().get()) != null);

        // seek to a timestamp inside the orders burst with the date-time fields
        LocalDateTime at = LocalDateTime.ofInstant(demo.orders().burstFrom(), ZoneId.systemDefault());
        robot.interact(() -> {
            robot.lookup("#seek-date").queryAs(javafx.scene.control.DatePicker.class).setValue(at.toLocalDate());
            robot.lookup("#seek-time").queryAs(TextField.class).setText(at.toLocalTime().withNano(0).toString().length() == 5
                    ? at.toLocalTime().withNano(0) + ":00" : at.toLocalTime().withNano(0).toString());
        });
        robot.clickOn("#seek-time-go");
        long from = demo.orders().burstFrom().toEpochMilli() / 1000 * 1000;
        await().atMost(WAIT).until(() -> fx(() -> !view.viewModel().busyProperty().get()
                && view.viewModel().positionProperty().get() instanceof dev.backtrack.browse.Position.AtTimestamp));
        assertThat(fx(() -> view.viewModel().rows().stream().mapToLong(MessageRow::timestamp).min().orElseThrow())).isGreaterThanOrEqualTo(from);

        // next page: different records, later in each partition
        long firstOffsetBefore = fx(() -> view.viewModel().rows().getFirst().offset() + 1000L * view.viewModel().rows().getFirst().partition());
        robot.clickOn("#page-next");
        await().atMost(WAIT).until(() -> fx(() -> !view.viewModel().busyProperty().get()
                && !view.viewModel().rows().isEmpty()
                && view.viewModel().rows().getFirst().offset() + 1000L * view.viewModel().rows().getFirst().partition() != firstOffsetBefore));

        // open a record: decoded Avro JSON with highlighting, and its schema
        robot.clickOn("#seek-beginning");
        await().atMost(WAIT).until(() -> fx(() -> !view.viewModel().busyProperty().get() && view.viewModel().rows().size() == 200));
        dev.backtrack.ui.UiTestSupport.clickMessageRow(robot, view, 3);
        await().atMost(WAIT).until(() -> fx(() -> view.detail().current()) != null);
        String value = fx(() -> view.detail().valueArea().getText());
        assertThat(value).contains("\"orderId\"").contains("\n  ");
        assertThat(fx(() -> view.detail().valueArea().getStyleOfChar(value.indexOf("\"orderId\"") + 1))).contains("json-key");
        robot.interact(() -> view.detail().selectTab("Schema"));
        String schema = fx(() -> view.detail().schemaArea().getText());
        robot.interact(() -> view.detail().selectTab("Value"));
        assertThat(schema).contains("AVRO").contains("id " + demo.schemas().ordersV1Id()).contains("\"name\" : \"Order\"");
        assertThat(fx(view::lastDetailNanos)).isPositive();
        measureDetailTimes(robot, view);
        checkLayout(robot, view);

        Path light = UiFixture.snapshot(stage.getScene(), Path.of("target/screenshots/main-light.png"));
        if (Boolean.getBoolean("backtrack.update.screenshot")) {
            // the README's screenshot, refreshed on request only, so a test run leaves the working tree as it was
            Files.createDirectories(Path.of("docs"));
            Files.copy(light, Path.of("docs/screenshot-main.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        robot.interact(() -> window.setTheme(Theme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        UiFixture.snapshot(stage.getScene(), Path.of("target/screenshots/main-dark.png"));
        robot.interact(() -> view.detail().show(null));
        robot.interact(() -> window.setTheme(Theme.LIGHT));
    }

    /** No hint text behind the tabs, every detail tab title fits, and the value preview gets the table's spare width. */
    private void checkLayout(FxRobot robot, BrowseView view) {
        assertThat(robot.lookup("#no-connection-hint").queryAs(Label.class).isVisible()).isFalse();
        Node overflow = fx(() -> view.detail().lookup(".tab-down-button"));
        assertThat(overflow == null || !fx(overflow::isVisible)).as("detail tabs overflow into the menu").isTrue();
        double tableWidth = fx(() -> view.table().getWidth());
        double used = fx(() -> view.table().getVisibleLeafColumns().stream().mapToDouble(c -> c.getWidth()).sum());
        double valueWidth = fx(() -> view.table().column("col-value").getWidth());
        assertThat(valueWidth).isGreaterThanOrEqualTo(200);
        assertThat(used).as("columns fill the table without a horizontal scroll bar").isBetween(tableWidth - 40, tableWidth);
    }

    @Test
    void deadLetterHeadersAreShownDecodedAboveTheRawHeaders(FxRobot robot) throws Exception {
        ConnectionTab tab = connect(robot, "demo");
        BrowseView view = open(robot, tab, DemoTopic.ORDERS_DLT);
        dev.backtrack.ui.UiTestSupport.clickMessageRow(robot, view, 0);
        await().atMost(WAIT).until(() -> fx(() -> view.detail().current()) != null);
        robot.interact(() -> view.detail().selectTab("Headers"));
        var summary = fx(() -> view.detail().deadLetter());
        assertThat(summary).isNotNull();
        assertThat(summary.conventions()).contains("Spring DLT");
        assertThat(summary.fields().get("Original topic")).isEqualTo(demo.topics().get(DemoTopic.ORDERS));
        assertThat(summary.fields()).containsKeys("Original partition", "Original offset", "Original timestamp", "Exception");
        assertThat(fx(() -> view.detail().stackTraceArea().isVisible())).isEqualTo(summary.stackTrace() != null);
        assertThat(fx(() -> view.detail().headersTable().getItems().stream().map(l -> l.name()).toList()))
                .contains("kafka_dlt-original-topic", "kafka_dlt-exception-fqcn");
        assertThat(robot.lookup("#dead-letter-title").queryAs(Label.class).isVisible()).isTrue();
        UiFixture.snapshot(stage.getScene(), Path.of("target/screenshots/dlt-headers-light.png"));
    }

    private void measureDetailTimes(FxRobot robot, BrowseView view) throws Exception {
        long worst = 0;
        long sum = 0;
        int n = 20;
        for (int i = 0; i < n; i++) {
            int index = 10 + i;
            AtomicReference<Long> took = new AtomicReference<>();
            robot.interact(() -> {
                view.table().getSelectionModel().select(index);
                took.set(view.lastDetailNanos());
            });
            worst = Math.max(worst, took.get());
            sum += took.get();
        }
        String line = "detail selection: avg " + (sum / n / 1000) + " us, worst " + (worst / 1000) + " us over " + n + " selections"
                + " (glass " + System.getProperty("glass.platform", "default") + ")\n";
        System.out.print(line);
        Files.createDirectories(Path.of("target/screenshots"));
        Files.writeString(Path.of("target/screenshots/timings.txt"), line, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    @Test
    void hostileRecordsShowTheirErrorsAndTheTableStillWorks(FxRobot robot) throws Exception {
        ConnectionTab tab = connect(robot, "demo");
        BrowseView view = open(robot, tab, DemoTopic.HOSTILE);
        long unknownId = demo.hostileOffsets().get(DemoManifest.HostileKind.UNKNOWN_SCHEMA_ID);
        long binaryKey = demo.hostileOffsets().get(DemoManifest.HostileKind.BINARY_KEY);
        long rows = fx(() -> (long) view.viewModel().rows().size());
        assertThat(rows).isGreaterThanOrEqualTo(demo.hostileOffsets().size());
        int index = fx(() -> indexOf(view, unknownId));
        dev.backtrack.ui.UiTestSupport.clickMessageRow(robot, view, index);
        await().atMost(WAIT).until(() -> fx(() -> view.detail().errorLabel().isVisible()));
        assertThat(fx(() -> view.detail().errorLabel().getText())).contains("9001");
        MessageRow bad = fx(() -> view.table().getItems().get(index));
        assertThat(bad.hasError()).isTrue();
        assertThat(robot.lookup("#message-table .table-row-cell").match(n -> ((TableRow<?>) n).getIndex() == index).query()
                .getPseudoClassStates().toString()).contains("decode-error");
        int keyIndex = fx(() -> indexOf(view, binaryKey));
        MessageRow keyRow = fx(() -> view.table().getItems().get(keyIndex));
        assertThat(keyRow.keyText()).isEqualTo("fffe00c32880");
        long normalLast = demo.hostileOffsets().get(DemoManifest.HostileKind.NORMAL_LAST);
        MessageRow normal = fx(() -> view.table().getItems().get(indexOf(view, normalLast)));
        assertThat(normal.hasError()).isFalse();
        UiFixture.snapshot(stage.getScene(), Path.of("target/screenshots/hostile-light.png"));
    }

    private static int indexOf(BrowseView view, long offset) {
        for (int i = 0; i < view.table().getItems().size(); i++) {
            if (view.table().getItems().get(i).offset() == offset) {
                return i;
            }
        }
        throw new AssertionError("offset " + offset + " not in the table");
    }

    @Test
    void celSearchShowsCompileErrorsProgressAndHitsThenExportsThem(FxRobot robot) throws Exception {
        ConnectionTab tab = connect(robot, "demo");
        BrowseView view = open(robot, tab, DemoTopic.ORDERS);
        robot.clickOn("#search-field").write("value.orderId ==");
        await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#search-error").queryAs(Label.class).isVisible()));
        assertThat(fx(() -> robot.lookup("#search-error").queryAs(Label.class).getText())).startsWith("invalid filter at 1:");
        robot.interact(() -> tab.viewModel().search().expressionProperty().set("partition == 2 && offset < 5"));
        await().atMost(WAIT).until(() -> fx(() -> tab.viewModel().search().compileErrorProperty().get()) == null);
        robot.clickOn("#search-run");
        await().atMost(WAIT).until(() -> fx(() -> tab.viewModel().search().resultProperty().get()) != null);
        var result = fx(() -> tab.viewModel().search().resultProperty().get());
        assertThat(result.matches()).hasSize(5).allSatisfy(r -> assertThat(r.raw().partition()).isEqualTo(2));
        assertThat(result.scanned()).isEqualTo(demo.recordCounts().get(DemoTopic.ORDERS));
        assertThat(fx(() -> view.viewModel().rows().size())).isEqualTo(5);
        String progress = fx(() -> robot.lookup("#search-progress").queryAs(Label.class).getText());
        assertThat(progress).contains("p0: scanned").contains("p2: scanned").contains("(5 hits)");
        UiFixture.snapshot(stage.getScene(), Path.of("target/screenshots/search-light.png"));

        Path file = configDir.resolve("export-" + System.nanoTime() + ".jsonl");
        robot.interact(() -> view.export(file, window::showError));
        await().atMost(WAIT).until(() -> Files.exists(file));
        try (var reader = dev.backtrack.archive.ArchiveReader.open(file)) {
            var entries = reader.nextBatch(100);
            assertThat(entries).hasSize(5);
            assertThat(entries.stream().map(en -> en.raw()).toList())
                    .isEqualTo(result.matches().stream().map(dev.backtrack.codec.DecodedRecord::raw).toList());
            assertThat(reader.header().topics()).containsExactly(demo.topics().get(DemoTopic.ORDERS));
        }
        Path csv = configDir.resolve("export-" + System.nanoTime() + ".csv");
        robot.interact(() -> view.export(BrowseView.ExportFormat.CSV, csv, window::showError));
        await().atMost(WAIT).until(() -> Files.exists(csv));
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.getFirst()).startsWith("topic,partition,offset,timestamp");
        assertThat(lines).hasSize(6);
        assertThat(lines.subList(1, 6)).allSatisfy(l -> assertThat(l).startsWith(demo.topics().get(DemoTopic.ORDERS) + ",2,"));
    }

    @Test
    void liveTailShowsARecordProducedDuringTheTest(FxRobot robot) throws Exception {
        ConnectionTab tab = connect(robot, "demo");
        BrowseView view = open(robot, tab, DemoTopic.PAYMENTS);
        robot.clickOn("#live-tail");
        await().atMost(WAIT).until(() -> fx(() -> view.viewModel().tailingProperty().get()));
        String marker = "{\"live\":\"" + System.nanoTime() + "\"}";
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.bootstrap()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
                p.send(new ProducerRecord<>(demo.topics().get(DemoTopic.PAYMENTS), 0, null, marker.getBytes(StandardCharsets.UTF_8))).get();
                return fx(() -> view.viewModel().rows().stream().anyMatch(r -> r.valuePreview().equals(marker)));
            });
        }
        robot.clickOn("#live-pause");
        assertThat(fx(() -> view.viewModel().tailPausedProperty().get())).isTrue();
        robot.clickOn("#live-tail");
        await().atMost(WAIT).until(() -> fx(() -> !view.viewModel().tailingProperty().get()));
    }

    @Test
    void unreachableClusterGivesAClearErrorAndProdIsMarked(FxRobot robot) {
        assertThat(robot.lookup("#profile-list .prod-badge").queryAll()).hasSize(1);
        robot.clickOn(dev.backtrack.ui.UiTestSupport.profileCell(robot, "staging"));
        robot.clickOn("#connect");
        await().atMost(WAIT).until(() -> !fx(() -> robot.lookup("#last-error").queryAs(Label.class).getText()).isEmpty());
        assertThat(robot.lookup("#last-error").queryAs(Label.class).getText()).startsWith("Could not connect to staging: ");
        assertThat(fx(() -> window.tabs().getTabs().size())).isZero();
        ConnectionTab prod = connect(robot, "prod-eu");
        assertThat(prod.getGraphic().lookup(".prod-badge")).isNotNull();
    }

}
