package dev.backtrack.ui.groups;

import dev.backtrack.kafka.GroupInfo;
import dev.backtrack.kafka.GroupLag;
import dev.backtrack.kafka.GroupMember;
import dev.backtrack.ui.common.Icons;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;

/**
 * The "Consumer groups" view: the groups table (filter, topic filter chip, refresh, 5-second auto-refresh)
 * above the selected group's members and lag per partition, with "Reset offsets…". The auto-refresh timer
 * ticks on the FX thread only to start a background refresh, and only while the view is showing.
 */
public final class GroupsView extends VBox {
    static final Duration AUTO_REFRESH = Duration.seconds(5);

    private final GroupsViewModel vm;
    private final TableView<GroupRow> groups = new TableView<>();
    private final TableView<GroupMember> members = new TableView<>();
    private final TableView<GroupLag> partitions = new TableView<>();
    private final Label title = new Label("No group selected");
    private final Label summary = new Label();
    private final Button reset = Icons.button(Feather.ROTATE_CCW, "Reset offsets…", "Move this group's committed offsets (preview first)");
    private final Timeline timer = new Timeline(new KeyFrame(AUTO_REFRESH, e -> tick()));

    /** {@code onReset} opens the reset form for the selected group. */
    public GroupsView(GroupsViewModel vm, Consumer<GroupInfo> onReset) {
        this.vm = vm;
        getStyleClass().add("groups-view");
        setId("groups-view");
        setSpacing(6);
        setPadding(new Insets(8));

        TextField filter = new TextField();
        filter.setId("groups-filter");
        filter.setPromptText("Filter groups");
        filter.setPrefWidth(260);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        Label topicChip = new Label();
        topicChip.setId("groups-topic-chip");
        topicChip.getStyleClass().add("filter-chip");
        Button clearTopic = new Button(null, Icons.icon(Feather.X));
        clearTopic.setId("groups-topic-clear");
        clearTopic.getStyleClass().add("flat");
        clearTopic.setTooltip(new Tooltip("Show the groups of all topics"));
        clearTopic.setOnAction(e -> vm.topicProperty().set(null));
        HBox chip = new HBox(2, topicChip, clearTopic);
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.visibleProperty().bind(vm.topicProperty().isNotNull());
        chip.managedProperty().bind(chip.visibleProperty());
        topicChip.textProperty().bind(vm.topicProperty().map(t -> "Topic: " + t));
        Label status = new Label();
        status.setId("groups-status");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.errorProperty().get() != null ? vm.errorProperty().get() : vm.statusProperty().get(),
                vm.errorProperty(), vm.statusProperty()));
        vm.errorProperty().addListener((o, a, err) -> status.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("error"), err != null));
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        spinner.visibleProperty().bind(vm.busyProperty());
        Button refresh = Icons.button(Feather.REFRESH_CW, "Refresh", "Reload groups and lag (F5)");
        refresh.setId("groups-refresh");
        refresh.setOnAction(e -> vm.refresh());
        ToggleButton auto = new ToggleButton("Every 5 s", Icons.icon(Feather.CLOCK));
        auto.setId("groups-auto-refresh");
        auto.setTooltip(new Tooltip("Refresh automatically every 5 seconds while this view is open"));
        auto.selectedProperty().bindBidirectional(vm.autoRefreshProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, filter, chip, spacer, status, spinner, refresh, auto);
        bar.setAlignment(Pos.CENTER_LEFT);

        buildGroupsTable();
        SplitPane split = new SplitPane(groups, detailPane(onReset));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().setAll(bar, split);

        timer.setCycleCount(Timeline.INDEFINITE);
        vm.autoRefreshProperty().addListener((o, a, on) -> updateTimer());
        sceneProperty().addListener((o, a, scene) -> updateTimer());
        updateTimer();
        setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.F5) {
                vm.refresh();
            }
        });
        vm.refresh();
    }

    private void buildGroupsTable() {
        groups.setId("groups-table");
        groups.setItems(vm.visibleRows().sorted());
        groups.setPlaceholder(new Label("No consumer groups (a group appears once a consumer with a group.id commits or joins)"));
        groups.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<GroupRow, String> id = text("Group", "col-group", GroupRow::groupId, 260);
        TableColumn<GroupRow, String> state = text("State", "col-state", GroupRow::state, 110);
        TableColumn<GroupRow, String> type = text("Type", "col-type", GroupRow::type, 80);
        TableColumn<GroupRow, String> protocol = text("Protocol", "col-protocol", GroupRow::protocol, 90);
        TableColumn<GroupRow, String> memberCount = text("Members", "col-members", r -> r.members() == null ? "-" : r.members().toString(), 80);
        TableColumn<GroupRow, Long> lag = new TableColumn<>("Total lag");
        lag.setId("col-total-lag");
        lag.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().totalLag()));
        lag.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Long n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty ? null : LagText.count(n));
            }
        });
        lag.setPrefWidth(100);
        lag.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<GroupRow, List<Long>> trend = new TableColumn<>("Lag trend");
        trend.setId("col-trend");
        trend.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().trend()));
        trend.setCellFactory(c -> new LagCells.Trend<>());
        trend.setSortable(false);
        trend.setPrefWidth(100);
        TableColumn<GroupRow, java.time.Duration> time = new TableColumn<>("Max time lag");
        time.setId("col-time-lag");
        time.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().maxTimeLag()));
        time.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(java.time.Duration d, boolean empty) {
                super.updateItem(d, empty);
                GroupRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : row != null && row.error() != null ? row.error() : LagText.duration(d));
            }
        });
        time.setPrefWidth(140);
        groups.getColumns().setAll(List.of(id, state, type, protocol, memberCount, lag, trend, time));
        var sorted = (javafx.collections.transformation.SortedList<GroupRow>) groups.getItems();
        sorted.comparatorProperty().bind(groups.comparatorProperty());
        groups.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null && !row.groupId().equals(vm.selectedProperty().get())) {
                vm.selectedProperty().set(row.groupId());
            }
        });
        // keep the selection across refreshes (rows are replaced by new, equal-id rows)
        vm.visibleRows().addListener((javafx.collections.ListChangeListener<GroupRow>) c -> reselect());
    }

    private void reselect() {
        String want = vm.selectedProperty().get();
        GroupRow now = groups.getSelectionModel().getSelectedItem();
        if (want != null && (now == null || !want.equals(now.groupId()))) {
            groups.getItems().stream().filter(r -> r.groupId().equals(want)).findFirst()
                    .ifPresent(r -> groups.getSelectionModel().select(r));
        }
    }

    private Node detailPane(Consumer<GroupInfo> onReset) {
        title.setId("group-title");
        title.getStyleClass().add("group-title");
        summary.setId("group-summary");
        summary.getStyleClass().add("text-muted");
        reset.setId("group-reset");
        reset.disableProperty().bind(vm.detailProperty().isNull());
        reset.setOnAction(e -> onReset.accept(vm.detailProperty().get()));
        vm.detailProperty().addListener((o, a, info) -> showHeader(info));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, summary, spacer, reset);
        header.setAlignment(Pos.CENTER_LEFT);

        members.setId("group-members");
        members.setPlaceholder(new Label("No active members"));
        members.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        members.getColumns().setAll(List.of(
                memberText("Client", GroupMember::clientId, 150), memberText("Host", GroupMember::host, 110),
                memberText("Partitions", m -> m.assigned().stream().map(tp -> tp.topic() + "-" + tp.partition())
                        .collect(java.util.stream.Collectors.joining(", ")), 200)));
        vm.detailProperty().addListener((o, a, info) -> members.getItems().setAll(info == null ? List.of() : info.members()));

        partitions.setId("group-partitions");
        partitions.setItems(vm.partitions());
        partitions.setPlaceholder(new Label("Select a group to see its lag per partition"));
        partitions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<GroupLag, GroupLag> lag = new TableColumn<>("Lag");
        lag.setId("col-lag");
        lag.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        lag.setCellFactory(c -> new LagCells.Bar<>(vm::maxPartitionLag));
        lag.setPrefWidth(170);
        lag.setSortable(false);
        partitions.getColumns().setAll(List.of(
                lagText("Topic", l -> l.topic(), 200), lagText("P", l -> String.valueOf(l.partition()), 40),
                lagText("Committed", l -> LagText.count(l.committed()), 110), lagText("End", l -> LagText.count(l.endOffset()), 90),
                lag, lagText("Time lag", l -> LagText.duration(l.timeLag()), 110),
                lagText("Member", l -> l.memberId() == null ? "-" : l.memberId(), 160)));
        Label membersTitle = new Label("Members");
        membersTitle.getStyleClass().add("section-title");
        Label partitionsTitle = new Label("Lag per partition");
        partitionsTitle.getStyleClass().add("section-title");
        VBox left = new VBox(4, membersTitle, members);
        VBox right = new VBox(4, partitionsTitle, partitions);
        VBox.setVgrow(members, Priority.ALWAYS);
        VBox.setVgrow(partitions, Priority.ALWAYS);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.3);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox box = new VBox(6, header, split);
        box.setPadding(new Insets(6, 0, 0, 0));
        return box;
    }

    private void showHeader(GroupInfo info) {
        if (info == null) {
            title.setText("No group selected");
            summary.setText("");
            return;
        }
        title.setText(info.groupId());
        summary.setText(info.state() + " · " + info.type() + " · " + info.members().size() + " member"
                + (info.members().size() == 1 ? "" : "s") + " · total lag " + LagText.count(info.totalLag())
                + " · max time lag " + LagText.duration(info.maxTimeLag())
                + (info.coordinator() == null ? "" : " · coordinator " + info.coordinator()));
    }

    private void tick() {
        if (vm.autoRefreshProperty().get() && showing()) {
            vm.refresh();
        }
    }

    private void updateTimer() {
        if (vm.autoRefreshProperty().get() && getScene() != null) {
            timer.play();
        } else {
            timer.stop();
        }
    }

    /** In a window and not inside an unselected tab (the tab pane hides unselected content). */
    private boolean showing() {
        if (getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) {
            return false;
        }
        for (Parent p = this; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static TableColumn<GroupRow, String> text(String name, String id, Function<GroupRow, String> value, double width) {
        TableColumn<GroupRow, String> c = new TableColumn<>(name);
        c.setId(id);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(value.apply(v.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<GroupMember, String> memberText(String name, Function<GroupMember, String> value, double width) {
        TableColumn<GroupMember, String> c = new TableColumn<>(name);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(value.apply(v.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<GroupLag, String> lagText(String name, Function<GroupLag, String> value, double width) {
        TableColumn<GroupLag, String> c = new TableColumn<>(name);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(value.apply(v.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public GroupsViewModel viewModel() {
        return vm;
    }

    public TableView<GroupRow> table() {
        return groups;
    }

    public TableView<GroupLag> partitionTable() {
        return partitions;
    }

    /** Stops the auto-refresh timer. */
    public void stop() {
        vm.autoRefreshProperty().set(false);
        timer.stop();
    }
}
