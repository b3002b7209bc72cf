package dev.backtrack.ui.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.kafka.OffsetResetPlan;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.sandbox.DemoManifest;
import dev.backtrack.sandbox.DemoSchemas;
import dev.backtrack.sandbox.DemoTopic;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import dev.backtrack.ui.browse.BrowseView;
import dev.backtrack.ui.common.Theme;
import dev.backtrack.ui.common.UiExecutor;
import dev.backtrack.ui.common.UiSettingsStore;
import dev.backtrack.ui.connection.ConnectionTab;
import dev.backtrack.ui.main.MainWindow;
import dev.backtrack.ui.schemas.SchemasView;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Consumer groups (lag, reset to a timestamp) and the schema browser in a real window, on the demo data. */
@ExtendWith({ApplicationExtension.class, dev.backtrack.testing.RestoresDirProperties.class})
class GroupsAndSchemasUiTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    @TempDir
    static Path configDir;
    private static DemoManifest demo;
    private static String orders;
    private static String billing;
    private static String shipping;
    private static final Map<Integer, Long> ENDS = new HashMap<>();
    private MainWindow window;

    @AfterEach
    void closeWindow() {
        dev.backtrack.ui.UiTestSupport.shutdown(window);
    }

    private Stage stage;

    @BeforeAll
    static void data() throws Exception {
        System.setProperty("backtrack.config.dir", configDir.toString());
        demo = UiDemo.demo();
        orders = demo.topic(DemoTopic.ORDERS);
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 6; p++) {
                latest.put(new TopicPartition(orders, p), OffsetSpec.latest());
            }
            admin.listOffsets(latest).all().get().forEach((tp, i) -> ENDS.put(tp.partition(), i.offset()));
        }
        billing = TestTopics.unique("billing-service");
        shipping = TestTopics.unique("shipping-service");
        Map<Integer, Long> half = new HashMap<>();
        ENDS.forEach((p, end) -> half.put(p, end / 2));
        GroupsViewModelTest.commit(TestServers.bootstrap(), billing, orders, half);
        GroupsViewModelTest.commit(TestServers.bootstrap(), shipping, orders, ENDS);
        // a registry that guards its subjects, as production ones do
        new SchemaRegistryClient(RegistrySettings.of(TestServers.registryUrl())).setCompatibility(demo.schemas().ordersSubject(), "BACKWARD");
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.bootstrap()));
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
        window.addEntries(UiDemo.entries());
    }

    @Test
    void groupsWithLagResetToATimestampAndTheSchemaBrowser(FxRobot robot) throws Exception {
        try {
            run(robot);
        } catch (AssertionError | RuntimeException e) {
            UiDemo.snapshot(stage.getScene(), UiDemo.screenshot("failure.png"));
            throw e;
        }
    }

    private void run(FxRobot robot) throws Exception {
        ConnectionTab tab = connect(robot, "demo");
        BrowseView browse = openTopic(robot, tab, orders);

        // "Consumer groups of this topic" from the browse view's Actions menu
        robot.clickOn("#browse-actions");
        robot.clickOn("#action-groups-of-topic");
        GroupsView groups = robot.lookup("#groups-view").queryAs(GroupsView.class);
        GroupsViewModel vm = groups.viewModel();
        await().atMost(WAIT).until(() -> fx(() -> vm.visibleRows().stream().anyMatch(r -> r.groupId().equals(billing) && r.totalLag() != null)));
        assertThat(robot.lookup("#groups-topic-chip").queryAs(Label.class).getText()).isEqualTo("Topic: " + orders);
        assertThat(fx(() -> vm.visibleRows().stream().map(GroupRow::groupId).toList())).containsExactlyInAnyOrder(billing, shipping);
        long expectedLag = ENDS.values().stream().mapToLong(e -> e - e / 2).sum();
        GroupRow billingRow = fx(() -> vm.visibleRows().stream().filter(r -> r.groupId().equals(billing)).findFirst().orElseThrow());
        assertThat(billingRow.totalLag()).isEqualTo(expectedLag);
        assertThat(billingRow.maxTimeLag()).isPositive();
        assertThat(fx(() -> vm.visibleRows().stream().filter(r -> r.groupId().equals(shipping)).findFirst().orElseThrow().totalLag())).isZero();

        clickGroup(robot, groups, billing);
        await().atMost(WAIT).until(() -> fx(() -> vm.partitions().size() == 6 && billing.equals(vm.detailProperty().get().groupId())));
        assertThat(fx(() -> vm.partitions().stream().map(l -> l.lag()).toList()))
                .containsExactlyElementsOf(ENDS.keySet().stream().sorted().map(p -> ENDS.get(p) - ENDS.get(p) / 2).toList());
        // the table lays its cells out on a later pulse than the one that filled its items
        await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#group-partitions .lag-bar").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.layout.Region) n).getWidth() > 10)));
        assertThat(robot.lookup("#group-title").queryAs(Label.class).getText()).isEqualTo(billing);
        UiDemo.snapshot(stage.getScene(), UiDemo.screenshot("groups-light.png"));

        resetBillingToTheOrdersBurst(robot, tab);

        // the Schemas tab at orders-value, with a highlighted schema and a failed compatibility check
        robot.clickOn("#view-schemas");
        SchemasView schemas = robot.lookup("#schemas-view").queryAs(SchemasView.class);
        String subject = demo.schemas().ordersSubject();
        await().atMost(WAIT).until(() -> fx(() -> schemas.viewModel().subjects().contains(subject)));
        robot.interact(() -> schemas.viewModel().filterProperty().set(subject));
        Node cell = dev.backtrack.ui.UiTestSupport.shownNode(robot, "#schemas-subjects .list-cell", n -> subject.equals(((ListCell<?>) n).getItem()));
        robot.clickOn(cell);
        await().atMost(WAIT).until(() -> fx(() -> schemas.viewModel().shownProperty().get() != null
                && subject.equals(schemas.viewModel().shownProperty().get().subject())));
        String text = fx(() -> schemas.schemaArea().getText());
        assertThat(text).contains("\"name\" : \"Order\"").contains("salesChannel");
        assertThat(fx(() -> schemas.schemaArea().getStyleOfChar(text.indexOf("\"fields\"") + 1))).contains("json-key");
        assertThat(robot.lookup("#schema-compatibility").queryAs(Label.class).getText()).isEqualTo("BACKWARD");
        assertThat(robot.lookup("#schema-used-by").queryAs(Label.class).getText()).contains(orders + " (topic name strategy, value)");
        UiDemo.snapshot(stage.getScene(), UiDemo.screenshot("schemas-light.png"));

        robot.interact(() -> schemas.selectTab("Check compatibility"));
        String incompatible = DemoSchemas.ORDER_V2.replace("{\"name\":\"orderId\",\"type\":\"long\"}", "{\"name\":\"orderId\",\"type\":\"string\"}");
        assertThat(incompatible).isNotEqualTo(DemoSchemas.ORDER_V2);
        robot.interact(() -> schemas.editorArea().replaceText(incompatible));
        robot.clickOn("#schema-check-latest");
        await().atMost(WAIT).until(() -> fx(() -> schemas.viewModel().checkProperty().get()) != null);
        assertThat(robot.lookup("#schema-check-verdict").queryAs(Label.class).getText()).startsWith("NOT compatible with the latest version");
        if (fx(() -> schemas.viewModel().checkProperty().get().result().messages().isEmpty())) {
            assertThat(robot.lookup("#schema-check-messages").queryAs(javafx.scene.control.ListView.class).getPlaceholder())
                    .isInstanceOfSatisfying(Label.class, l -> assertThat(l.getText()).startsWith("The registry sent no reasons"));
        }
        UiDemo.snapshot(stage.getScene(), UiDemo.screenshot("schemas-check-light.png"));
        // compare version 1 with the shown version 2: salesChannel was added
        robot.interact(() -> schemas.selectTab("Compare versions"));
        robot.interact(() -> robot.lookup("#schema-diff-base").queryAs(javafx.scene.control.ComboBox.class).setValue(1));
        await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#schema-diff-summary").queryAs(Label.class).getText())
                .startsWith("Version 1 → version 2: +"));
        assertThat(fx(() -> robot.lookup("#schema-diff").queryAs(javafx.scene.control.ListView.class).getItems().stream()
                .anyMatch(l -> l.toString().contains("salesChannel") && l.toString().contains("ADDED")))).isTrue();
        UiDemo.snapshot(stage.getScene(), UiDemo.screenshot("schemas-diff-light.png"));
        robot.interact(() -> schemas.selectTab("Check compatibility"));
        robot.interact(() -> window.setTheme(Theme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        UiDemo.snapshot(stage.getScene(), UiDemo.screenshot("schemas-check-dark.png"));
        robot.interact(() -> schemas.selectTab("Schema"));
        UiDemo.snapshot(stage.getScene(), UiDemo.screenshot("schemas-dark.png"));
        robot.clickOn("#view-groups");
        UiDemo.snapshot(stage.getScene(), UiDemo.screenshot("groups-dark.png"));
        robot.interact(() -> window.setTheme(Theme.LIGHT));

        // "Schema of this record": a v1 record of orders opens orders-value at version 1
        robot.clickOn("#view-browse");
        dev.backtrack.ui.UiTestSupport.clickMessageRow(robot, browse, 0);
        await().atMost(WAIT).until(() -> fx(() -> browse.detail().current()) != null);
        int recordSchemaId = fx(() -> browse.detail().current().value().schema().id());
        robot.clickOn("#browse-actions");
        robot.clickOn("#action-record-schema");
        await().atMost(WAIT).until(() -> fx(() -> schemas.viewModel().shownProperty().get() != null
                && schemas.viewModel().shownProperty().get().id() == recordSchemaId));
        assertThat(fx(() -> schemas.viewModel().shownProperty().get().subject())).isEqualTo(subject);
        assertThat(fx(() -> schemas.viewModel().shownProperty().get().version()))
                .isEqualTo(recordSchemaId == demo.schemas().ordersV1Id() ? 1 : 2);

        // a connection without a registry: the Schemas tab says so instead of failing
        ConnectionTab bare = connect(robot, "bare");
        assertThat(bare).isNotSameAs(tab);
        robot.interact(() -> bare.workbench().selectView("schemas"));
        Node empty = robot.from(fx(bare::getContent)).lookup("#schemas-empty").query();
        assertThat(fx(empty::isVisible)).isTrue();
        assertThat(robot.from(empty).lookup(".empty-title").queryAs(Label.class).getText()).isEqualTo("No schema registry");
        UiDemo.snapshot(stage.getScene(), UiDemo.screenshot("schemas-no-registry-light.png"));
    }

    private void resetBillingToTheOrdersBurst(FxRobot robot, ConnectionTab tab) throws Exception {
        robot.clickOn("#group-reset");
        ResetOffsetsView reset = robot.lookup("#reset-view").queryAs(ResetOffsetsView.class);
        ZoneId zone = fx(() -> tab.workbench().utc().get()) ? ZoneOffset.UTC : ZoneId.systemDefault();
        Instant at = demo.orders().burstFrom().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        robot.interact(() -> {
            reset.viewModel().targetProperty().set(ResetOffsetsViewModel.Target.TIMESTAMP);
            robot.lookup("#reset-date").queryAs(DatePicker.class).setValue(local.toLocalDate());
            robot.lookup("#reset-time").queryAs(TextField.class).setText(local.toLocalTime().toString().length() == 5
                    ? local.toLocalTime() + ":00" : local.toLocalTime().toString());
        });
        assertThat(fx(() -> reset.viewModel().timeProperty().get())).isEqualTo(at);
        robot.clickOn("#reset-preview");
        await().atMost(WAIT).until(() -> fx(() -> reset.viewModel().planProperty().get()) != null);
        OffsetResetPlan plan = fx(() -> reset.viewModel().planProperty().get());
        Map<Integer, Long> byTime = new HashMap<>();
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
            ENDS.keySet().forEach(p -> spec.put(new TopicPartition(orders, p), OffsetSpec.forTimestamp(at.toEpochMilli())));
            admin.listOffsets(spec).all().get().forEach((tp, i) -> byTime.put(tp.partition(), i.offset() < 0 ? ENDS.get(tp.partition()) : i.offset()));
        }
        assertThat(plan.moves()).hasSize(6).allMatch(m -> m.to() == byTime.get(m.partition()) && m.from() == ENDS.get(m.partition()) / 2);
        assertThat(fx(() -> reset.planTable().getItems().size())).isEqualTo(6);
        robot.clickOn("#reset-apply");
        await().atMost(WAIT).until(() -> fx(() -> reset.viewModel().appliedProperty().get() || reset.viewModel().errorProperty().get() != null));
        assertThat(fx(() -> reset.viewModel().errorProperty().get())).isNull();
        assertThat(robot.lookup("#reset-message").queryAs(Label.class).getText()).startsWith("Applied: group '" + billing + "'");
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(billing).partitionsToOffsetAndMetadata().get();
            assertThat(committed).hasSize(6);
            committed.forEach((tp, om) -> assertThat(om.offset()).isEqualTo(byTime.get(tp.partition())));
        }
        UiDemo.snapshot(stage.getScene(), UiDemo.screenshot("groups-reset-light.png"));
    }

    private ConnectionTab connect(FxRobot robot, String name) {
        Node profile = dev.backtrack.ui.UiTestSupport.profileCell(robot, name);
        robot.clickOn(profile);
        int before = fx(() -> window.tabs().getTabs().size());
        robot.clickOn("#connect");
        await().atMost(WAIT).until(() -> fx(() -> window.tabs().getTabs().size()) > before);
        ConnectionTab tab = (ConnectionTab) fx(() -> window.tabs().getTabs().getLast());
        await().atMost(WAIT).until(() -> fx(() -> tab.viewModel().visibleTopics().size()) > 0);
        return tab;
    }

    private BrowseView openTopic(FxRobot robot, ConnectionTab tab, String name) {
        robot.interact(() -> tab.viewModel().filterProperty().set(name));
        Node cell = dev.backtrack.ui.UiTestSupport.topicCell(robot, name);
        robot.clickOn(cell);
        BrowseView view = tab.browseView();
        await().atMost(WAIT).until(() -> fx(() -> !view.viewModel().busyProperty().get() && !view.viewModel().rows().isEmpty()));
        return view;
    }

    private void clickGroup(FxRobot robot, GroupsView view, String group) {
        robot.clickOn(dev.backtrack.ui.UiTestSupport.shownNode(robot, "#groups-table .table-row-cell",
                n -> ((TableRow<?>) n).getItem() instanceof GroupRow r && r.groupId().equals(group)));
    }

    private static <T> T fx(Callable<T> c) {
        return dev.backtrack.ui.UiTestSupport.fx(c);
    }
}
