package dev.backtrack.ui.redrive;

import dev.backtrack.redrive.DeadLetter;
import dev.backtrack.redrive.Triage;
import dev.backtrack.redrive.TriageGroup;
import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.connection.Workbench;
import dev.backtrack.ui.detail.Timestamps;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The triage view of one dead-letter topic: grouping switch and scan progress on top, the groups table, the
 * dead letters of the selected groups beside the selected letter's details (origin, error, stack trace, links),
 * and the send-back bar with its confirmation/progress/report panel at the bottom. Closing the tab cancels the
 * scan and any running send.
 */
final class TriageView extends BorderPane implements AutoCloseable {
    private final Workbench bench;
    private final TriageViewModel vm;
    private final SendBackViewModel send;
    private final TableView<TriageGroup> groupsTable = new TableView<>();
    private final TableView<LetterRow> lettersTable = new TableView<>();
    private final LetterDetailPane detail;
    private final Label selectionText = new Label();
    private final TextField target = new TextField();
    private final Button sendBack = Icons.button(Feather.CORNER_UP_LEFT, "Send groups back…", "Send every dead letter of the selected groups back (asks first)");
    private final Button sendLetters = Icons.button(Feather.CORNER_UP_LEFT, "Send selected back…", "Send the selected dead letters back (asks first)");
    private static final double TIME_WIDTH = 168;
    private boolean started;
    private String lastLetter;

    TriageView(Workbench bench, String topic, Path dataDir, BiConsumer<DeadLetter, Runnable> onEdit) {
        this.bench = bench;
        this.vm = new TriageViewModel(bench.clients(), bench.ui(), topic, dataDir);
        this.send = new SendBackViewModel(bench.clients(), bench.ui(), dataDir, vm::refreshJournal);
        // a single edit & send refreshes the journal marks here when it lands
        this.detail = new LetterDetailPane(bench, letter -> onEdit.accept(letter, vm::refreshJournal));
        setId("triage-view");
        getStyleClass().add("triage-view");
        setTop(toolbar(topic));
        SplitPane lower = new SplitPane(lettersTable(), detail);
        lower.setDividerPositions(0.55);
        // stack traces are wide: they get the full width below the list and the letter's fields
        SplitPane center = new SplitPane(groupsTable(), lower, detail.stackTracePane());
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.25, 0.68);
        setCenter(center);
        setBottom(new VBox(new SendBackPanel(send), sendBar()));
        // the scan starts when the view is first shown: a view dropped by openView (already open) never reads
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                start();
            }
        });
    }

    /** Starts the first scan (once). */
    void start() {
        if (!started) {
            started = true;
            vm.load();
        }
    }

    private HBox toolbar(String topic) {
        Label title = new Label(topic);
        title.getStyleClass().add("triage-title");
        Label groupLabel = new Label("Group by");
        groupLabel.getStyleClass().add("text-muted");
        ToggleGroup toggles = new ToggleGroup();
        HBox grouping = new HBox();
        grouping.getStyleClass().add("triage-grouping");
        for (Triage.GroupBy by : Triage.GroupBy.values()) {
            ToggleButton b = new ToggleButton(switch (by) {
                case EXCEPTION -> "Exception";
                case TOPIC -> "Original topic";
                case TIME -> "Hour";
            });
            b.setId("group-" + by.name().toLowerCase(java.util.Locale.ROOT));
            b.setToggleGroup(toggles);
            b.setUserData(by);
            b.setSelected(by == vm.groupByProperty().get());
            b.getStyleClass().add(by.ordinal() == 0 ? "left-pill" : by.ordinal() == 2 ? "right-pill" : "center-pill");
            grouping.getChildren().add(b);
        }
        toggles.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                toggles.selectToggle(was);
            } else {
                vm.groupByProperty().set((Triage.GroupBy) now.getUserData());
            }
        });
        Label status = new Label();
        status.setId("triage-status");
        status.textProperty().bind(vm.statusProperty());
        status.setMinWidth(0);
        ProgressBar progress = new ProgressBar();
        progress.setId("triage-progress");
        progress.setPrefWidth(140);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.loadingProperty());
        progress.managedProperty().bind(vm.loadingProperty());
        Button cancel = Icons.button(Feather.X_CIRCLE, "Cancel", "Stop reading; what was read so far stays");
        cancel.setId("triage-cancel");
        cancel.visibleProperty().bind(vm.loadingProperty());
        cancel.managedProperty().bind(vm.loadingProperty());
        cancel.setOnAction(e -> vm.cancel());
        Button refresh = Icons.button(Feather.REFRESH_CW, "", "Read the topic again");
        refresh.setId("triage-refresh");
        refresh.disableProperty().bind(vm.loadingProperty());
        refresh.setOnAction(e -> vm.load());
        Label error = new Label();
        error.setId("triage-error");
        error.getStyleClass().add("status-error");
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, Icons.icon(Feather.ALERT_TRIANGLE), title, groupLabel, grouping, spacer, error, status, progress, cancel, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 8, 10));
        bar.getStyleClass().add("triage-toolbar");
        return bar;
    }

    private TableView<TriageGroup> groupsTable() {
        groupsTable.setId("triage-groups");
        groupsTable.getStyleClass().addAll(atlantafx.base.theme.Styles.DENSE, atlantafx.base.theme.Styles.STRIPED);
        groupsTable.setItems(vm.groups());
        groupsTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        groupsTable.setPlaceholder(new Label("No dead letters read yet"));
        TableColumn<TriageGroup, Number> count = new TableColumn<>("Count");
        count.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().count()));
        count.setPrefWidth(70);
        count.setStyle("-fx-alignment: CENTER-RIGHT;");
        count.setMinWidth(56);
        TableColumn<TriageGroup, String> group = text("Group", this::groupName, 210);
        group.setId("col-group");
        var byException = vm.groupByProperty().isEqualTo(Triage.GroupBy.EXCEPTION);
        TableColumn<TriageGroup, String> cause = text("Cause", vm::causeOf, 190);
        cause.visibleProperty().bind(byException);
        TableColumn<TriageGroup, String> pattern = text("Message pattern", TriageGroup::messagePattern, 380);
        pattern.visibleProperty().bind(byException);
        TableColumn<TriageGroup, String> first = text("First seen", g -> shortTime(g.first().toEpochMilli()), 140);
        TableColumn<TriageGroup, String> last = text("Last seen", g -> shortTime(g.last().toEpochMilli()), 140);
        first.setMinWidth(TIME_WIDTH);
        last.setMinWidth(TIME_WIDTH);
        group.setMinWidth(150);
        // the tail of a pattern tells groups apart (Spring prefixes every listener failure with the same words)
        pattern.setCellFactory(c -> {
            javafx.scene.control.TableCell<TriageGroup, String> cell = new javafx.scene.control.TableCell<>() {
                @Override
                protected void updateItem(String text, boolean empty) {
                    super.updateItem(text, empty);
                    setText(empty ? null : text);
                }
            };
            cell.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_WORD_ELLIPSIS);
            return cell;
        });
        groupsTable.getColumns().setAll(List.of(count, group, cause, pattern, first, last));
        groupsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        groupsTable.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(TriageGroup g, boolean empty) {
                super.updateItem(g, empty);
                setTooltip(empty || g == null ? null : new javafx.scene.control.Tooltip(g.key()));
            }
        });
        groupsTable.getSelectionModel().getSelectedItems().addListener((ListChangeListener<TriageGroup>) c -> {
            lettersTable.getSelectionModel().clearSelection();
            vm.selectGroups(List.copyOf(groupsTable.getSelectionModel().getSelectedItems()));
            updateSelectionText();
        });
        // the first group is chosen as soon as there is one, so the list below is never empty for no reason
        vm.groups().addListener((ListChangeListener<TriageGroup>) c -> {
            if (groupsTable.getSelectionModel().isEmpty() && !vm.groups().isEmpty() && !vm.loadingProperty().get()) {
                groupsTable.getSelectionModel().select(0);
            }
        });
        vm.loadingProperty().addListener((o, a, loading) -> {
            if (!loading && groupsTable.getSelectionModel().isEmpty() && !vm.groups().isEmpty()) {
                groupsTable.getSelectionModel().select(0);
            }
        });
        return groupsTable;
    }

    private String groupName(TriageGroup g) {
        if (g.exceptionClass() != null) {
            return g.exceptionClass().substring(g.exceptionClass().lastIndexOf('.') + 1);
        }
        if (g.bucketStart() != null) {
            return shortTime(g.bucketStart().toEpochMilli()).substring(0, 16) + " + 1 h";
        }
        return g.originalTopic() != null ? g.originalTopic() : g.key();
    }

    private TableView<LetterRow> lettersTable() {
        lettersTable.setId("triage-letters");
        lettersTable.getStyleClass().addAll(atlantafx.base.theme.Styles.DENSE, atlantafx.base.theme.Styles.STRIPED);
        lettersTable.setItems(vm.letters());
        lettersTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        lettersTable.setPlaceholder(new Label("Select a group to list its dead letters"));
        TableColumn<LetterRow, String> coords = text("Letter", LetterRow::coordinates, 60);
        coords.setMinWidth(66);
        TableColumn<LetterRow, String> at = text("Dead-lettered", r -> shortTime(r.timestamp()), 150);
        at.setMinWidth(TIME_WIDTH);
        TableColumn<LetterRow, String> origin = text("Original record", LetterRow::origin, 210);
        origin.setMinWidth(120);
        TableColumn<LetterRow, String> state = text("Redriven", LetterRow::redriveState, 160);
        state.setId("col-redriven");
        lettersTable.getColumns().setAll(List.of(coords, at, origin, state));
        lettersTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        lettersTable.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(LetterRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("redriven"), !empty && row != null && row.redriven());
            }
        });
        lettersTable.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            detail.show(row);
            if (row != null) {
                lastLetter = row.coordinates();
            }
        });
        lettersTable.getSelectionModel().getSelectedItems().addListener((ListChangeListener<LetterRow>) c -> updateSelectionText());
        vm.letters().addListener((ListChangeListener<LetterRow>) c -> {
            // keep the selected dead letter selected when the list is refreshed (journal marks after a send)
            if (!vm.letters().isEmpty() && lettersTable.getSelectionModel().isEmpty()) {
                int again = 0;
                for (int i = 0; i < vm.letters().size(); i++) {
                    if (vm.letters().get(i).coordinates().equals(lastLetter)) {
                        again = i;
                        break;
                    }
                }
                lettersTable.getSelectionModel().select(again);
                lettersTable.scrollTo(again);
            }
            updateSelectionText();
        });
        return lettersTable;
    }

    private HBox sendBar() {
        selectionText.setId("send-selection");
        selectionText.getStyleClass().add("text-muted");
        target.setId("send-target");
        target.setPromptText("original topic (from the headers)");
        target.setPrefColumnCount(18);
        Label to = new Label("Send to");
        to.setMinWidth(Region.USE_PREF_SIZE);
        sendBack.setMinWidth(Region.USE_PREF_SIZE);
        sendLetters.setMinWidth(Region.USE_PREF_SIZE);
        selectionText.setMinWidth(0);
        sendBack.setId("send-back");
        sendBack.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);
        var running = send.phaseProperty().isEqualTo(SendBackViewModel.Phase.RUNNING);
        sendBack.disableProperty().bind(running.or(javafx.beans.binding.Bindings.isEmpty(groupsTable.getSelectionModel().getSelectedItems())));
        sendBack.setOnAction(e -> askToSend(List.copyOf(groupsTable.getSelectionModel().getSelectedItems()), List.of()));
        sendLetters.setId("send-letters");
        sendLetters.disableProperty().bind(running.or(javafx.beans.binding.Bindings.isEmpty(lettersTable.getSelectionModel().getSelectedItems())));
        sendLetters.setOnAction(e -> askToSend(List.of(), List.copyOf(lettersTable.getSelectionModel().getSelectedItems())));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, selectionText, spacer, to, target, sendLetters, sendBack);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 8, 10));
        bar.getStyleClass().add("triage-send-bar");
        return bar;
    }

    private void askToSend(List<TriageGroup> groups, List<LetterRow> letters) {
        try {
            send.confirm(vm.plan(groups, letters, target.getText()));
        } catch (IllegalArgumentException e) {
            bench.showError(e.getMessage());
        }
    }

    private void updateSelectionText() {
        int letters = lettersTable.getSelectionModel().getSelectedItems().size();
        List<TriageGroup> groups = groupsTable.getSelectionModel().getSelectedItems();
        long inGroups = groups.stream().mapToLong(TriageGroup::count).sum();
        selectionText.setText(groups.isEmpty() ? "Select groups or dead letters to send back"
                : inGroups + " in " + groups.size() + (groups.size() == 1 ? " group" : " groups") + " · " + letters + " selected");
    }

    /** Seconds are enough in the tables; the detail shows milliseconds. */
    private String shortTime(long millis) {
        String t = Timestamps.format(millis, bench.utc().get());
        return t.length() > 19 ? t.substring(0, 19) : t;
    }

    private static <S> TableColumn<S, String> text(String title, Function<S, String> value, double width) {
        TableColumn<S, String> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        col.setPrefWidth(width);
        return col;
    }

    TriageViewModel viewModel() {
        return vm;
    }

    SendBackViewModel sendViewModel() {
        return send;
    }

    TableView<TriageGroup> groupsView() {
        return groupsTable;
    }

    TableView<LetterRow> lettersView() {
        return lettersTable;
    }

    @Override
    public void close() {
        vm.close();
        send.close();
    }
}
