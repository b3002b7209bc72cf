package dev.backtrack.ui.history;

import dev.backtrack.BacktrackException;
import dev.backtrack.history.AsOf;
import dev.backtrack.history.KeyVersion;
import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.detail.JsonHighlighter;
import dev.backtrack.ui.detail.RecordDetail;
import dev.backtrack.ui.detail.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.kordamp.ikonli.feather.Feather;

/**
 * Key history: a query bar (key as text/JSON/hex/base64, time window, all partitions), the versions as a
 * vertical timeline, the selected version's structural diff against the previous one and its full value,
 * and "state as of" a date-time. The search starts when the view is first shown; closing the tab cancels it.
 */
public final class KeyHistoryView extends BorderPane implements AutoCloseable {
    private final KeyHistoryViewModel vm;
    private final BooleanProperty utc;
    private final ListView<KeyVersion> list = new ListView<>();
    private final DiffList diff = new DiffList();
    private final CodeArea value = new CodeArea();
    private final Label versionTitle = new Label();
    private final Label diffTitle = new Label("Changes");
    private final Label valueTitle = new Label("Value");
    private final Label asOfResult = new Label();
    private final Button openRecord = Icons.button(Feather.EXTERNAL_LINK, "Open record", "Show this record in the browse tab");

    public KeyHistoryView(KeyHistoryViewModel vm, BooleanProperty utc, Consumer<KeyVersion> onOpenRecord, boolean searchWhenShown) {
        this.vm = vm;
        this.utc = utc;
        setId("history-view");
        getStyleClass().add("history-view");
        setTop(new VBox(6, queryBar(), messages()));
        BorderPane.setMargin(getTop(), new Insets(8, 8, 4, 8));

        list.setId("history-versions");
        list.setItems(vm.versions());
        list.setCellFactory(l -> new VersionCell(utc::get));
        list.setPlaceholder(new Label("No versions yet"));
        list.setMinWidth(250);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> {
            if (v != null && v != vm.selectedProperty().get()) {
                vm.selectedProperty().set(v);
            }
        });
        vm.selectedProperty().addListener((o, a, v) -> showVersion(v));
        vm.asOfProperty().addListener((o, a, answer) -> showAsOf(answer));
        utc.addListener((o, a, b) -> {
            list.refresh();
            showVersion(vm.selectedProperty().get());
        });

        value.setId("history-value");
        value.setEditable(false);
        value.getStyleClass().add("json-area");
        openRecord.setId("history-open-record");
        openRecord.setMinWidth(Region.USE_PREF_SIZE);
        openRecord.setOnAction(e -> {
            if (vm.selectedProperty().get() != null) {
                onOpenRecord.accept(vm.selectedProperty().get());
            }
        });
        openRecord.disableProperty().bind(vm.selectedProperty().isNull());
        versionTitle.setId("history-version-title");
        versionTitle.getStyleClass().add("detail-title");
        versionTitle.setMinWidth(0);
        diffTitle.getStyleClass().add("section-title");
        valueTitle.setId("history-value-title");
        valueTitle.getStyleClass().add("section-title");
        diff.setId("history-diff");
        ScrollPane diffScroll = new ScrollPane(diff);
        diffScroll.setFitToWidth(true);
        diffScroll.getStyleClass().add("history-diff-scroll");
        VBox diffBox = new VBox(4, diffTitle, diffScroll);
        VBox.setVgrow(diffScroll, Priority.ALWAYS);
        VirtualizedScrollPane<CodeArea> valueScroll = new VirtualizedScrollPane<>(value);
        VBox valueBox = new VBox(4, valueTitle, valueScroll);
        VBox.setVgrow(valueScroll, Priority.ALWAYS);
        SplitPane detailSplit = new SplitPane(diffBox, valueBox);
        detailSplit.setOrientation(Orientation.VERTICAL);
        detailSplit.setDividerPositions(0.42);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox titleRow = new HBox(8, versionTitle, spacer, openRecord);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        VBox detail = new VBox(6, titleRow, detailSplit);
        detail.setPadding(new Insets(0, 0, 0, 4));
        VBox.setVgrow(detailSplit, Priority.ALWAYS);
        SplitPane center = new SplitPane(list, detail);
        center.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(list, false);
        setCenter(center);
        BorderPane.setMargin(center, new Insets(0, 8, 0, 8));
        setBottom(asOfBar());
        showVersion(null);

        if (searchWhenShown) {
            sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> o, javafx.scene.Scene a, javafx.scene.Scene s) {
                    if (s != null) {
                        sceneProperty().removeListener(this);
                        vm.search();
                    }
                }
            });
        }
    }

    private HBox queryBar() {
        Label topic = new Label(vm.topic());
        topic.getStyleClass().add("detail-title");
        topic.setMinWidth(Region.USE_PREF_SIZE);
        TextField key = new TextField();
        key.setId("history-key");
        key.setPromptText("key: text, {\"id\":1}, hex:0a1b…, base64:…");
        key.textProperty().bindBidirectional(vm.keyProperty());
        key.setPrefColumnCount(22);
        HBox.setHgrow(key, Priority.ALWAYS);
        TextField from = timeField("history-from", "from (blank: beginning)");
        TextField to = timeField("history-to", "to (blank: now)");
        from.setText(TimeText.format(vm.fromProperty().get(), utc.get()));
        to.setText(TimeText.format(vm.toProperty().get(), utc.get()));
        CheckBox all = new CheckBox("All partitions");
        all.setId("history-all-partitions");
        all.setTooltip(new javafx.scene.control.Tooltip("Search every partition, not only the one the default partitioner puts this key in"));
        all.selectedProperty().bindBidirectional(vm.allPartitionsProperty());
        all.setMinWidth(Region.USE_PREF_SIZE);
        Button search = Icons.button(Feather.SEARCH, "History", "Find every version of this key");
        search.setId("history-search");
        search.setDefaultButton(true);
        search.setMinWidth(Region.USE_PREF_SIZE);
        search.setOnAction(e -> {
            try {
                vm.fromProperty().set(TimeText.parse(from.getText(), utc.get()));
                vm.toProperty().set(TimeText.parse(to.getText(), utc.get()));
            } catch (BacktrackException ex) {
                vm.showError(ex.getMessage());
                return;
            }
            vm.search();
        });
        key.setOnAction(search.getOnAction());
        Button cancel = Icons.button(Feather.X, "Cancel", "Stop the search (what was found so far is dropped)");
        cancel.setId("history-cancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.visibleProperty().bind(vm.busyProperty());
        cancel.managedProperty().bind(vm.busyProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("history-progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.busyProperty());
        progress.managedProperty().bind(vm.busyProperty());
        progress.setPrefWidth(120);
        HBox bar = new HBox(8, topic, key, from, to, all, search, progress, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static TextField timeField(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(12);
        field.setTooltip(new javafx.scene.control.Tooltip("yyyy-MM-dd HH:mm:ss (local time, or UTC when the UTC toggle is on); blank: open end"));
        return field;
    }

    private VBox messages() {
        Label status = new Label();
        status.setId("history-status");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(vm.statusProperty());
        Label error = new Label();
        error.setId("history-error");
        error.getStyleClass().add("detail-error");
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        Label partitions = new Label();
        partitions.setId("history-partition-note");
        partitions.getStyleClass().add("history-warning");
        partitions.setWrapText(true);
        partitions.textProperty().bind(vm.partitionNoteProperty());
        partitions.visibleProperty().bind(vm.partitionNoteProperty().isNotNull());
        partitions.managedProperty().bind(partitions.visibleProperty());
        Label notes = new Label();
        notes.setId("history-notes");
        notes.getStyleClass().addAll("text-muted", "history-notes");
        notes.setWrapText(true);
        notes.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", vm.notes().stream().map(n -> "• " + n).toList()),
                vm.notes()));
        notes.visibleProperty().bind(Bindings.isNotEmpty(vm.notes()));
        notes.managedProperty().bind(notes.visibleProperty());
        return new VBox(4, status, error, partitions, notes);
    }

    private HBox asOfBar() {
        Label title = new Label("State as of");
        title.getStyleClass().add("section-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        DatePicker date = new DatePicker(LocalDate.now(TimeText.zone(utc.get())));
        date.setId("history-asof-date");
        date.setPrefWidth(150);
        TextField time = new TextField(LocalTime.now(TimeText.zone(utc.get())).withNano(0).toString());
        time.setId("history-asof-time");
        time.setPromptText("HH:mm:ss");
        time.setPrefColumnCount(8);
        Button go = Icons.button(Feather.CLOCK, "Show", "The value this key had at that instant (a version exactly at it counts)");
        go.setId("history-asof-go");
        go.setMinWidth(Region.USE_PREF_SIZE);
        go.disableProperty().bind(vm.historyProperty().isNull());
        go.setOnAction(e -> {
            try {
                LocalTime t = LocalTime.parse(time.getText().strip());
                vm.stateAsOf(date.getValue().atTime(t).atZone(TimeText.zone(utc.get())).toInstant());
            } catch (java.time.format.DateTimeParseException | NullPointerException ex) {
                asOfResult.setText("Type a date and a time as HH:mm:ss (or HH:mm:ss.SSS).");
            }
        });
        time.setOnAction(go.getOnAction());
        asOfResult.setId("history-asof-result");
        asOfResult.setWrapText(true);
        asOfResult.setMinWidth(0);
        HBox.setHgrow(asOfResult, Priority.ALWAYS);
        HBox bar = new HBox(8, title, date, time, go, asOfResult);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 8, 8));
        bar.getStyleClass().add("history-asof-bar");
        return bar;
    }

    private void showVersion(KeyVersion v) {
        if (v == null) {
            versionTitle.setText("Select a version");
            diff.show(java.util.List.of(), "");
            valueTitle.setText("Value");
            setCode("");
            return;
        }
        if (list.getSelectionModel().getSelectedItem() != v) {
            list.getSelectionModel().select(v);
            // keep a couple of earlier versions in sight: the diff is against the one just above
            list.scrollTo(Math.max(0, vm.versions().indexOf(v) - 2));
        }
        int index = vm.versions().indexOf(v);
        versionTitle.setText("Version " + (index + 1) + " of " + vm.versions().size() + " · " + VersionLabels.badge(v) + " · "
                + Timestamps.format(v.record().raw().timestamp(), utc.get()) + " · partition " + v.record().raw().partition()
                + ", offset " + v.record().raw().offset());
        KeyVersion previous = vm.previousOf(v);
        diffTitle.setText(v.change() != null ? "Changes in this event (before → after)"
                : previous == null ? "Changes (first version found: everything is new)"
                : "Changes since p" + previous.record().raw().partition() + " @ " + previous.record().raw().offset());
        diff.show(v.diff(), v.deleted() ? "Deleted." : "No field changed.");
        valueTitle.setText(v.kind() == KeyVersion.Kind.TOMBSTONE ? "Value: null (tombstone: the key was deleted)" : "Value");
        setCode(v.kind() == KeyVersion.Kind.TOMBSTONE ? "" : RecordDetail.pretty(v.record().value()));
    }

    private void showAsOf(AsOf answer) {
        if (answer == null) {
            asOfResult.setText("");
            return;
        }
        boolean compacted = vm.notes().stream().anyMatch(n -> n.contains("compacted") || n.contains("older records were deleted"));
        String text = answer.explanation().replace(answer.at().toString(), Timestamps.format(answer.at().toEpochMilli(), utc.get()));
        if (answer.version() == null && compacted) {
            text += ". The topic lost older versions to compaction or retention, so an earlier state may be gone.";
        }
        asOfResult.setText(text);
        asOfResult.getStyleClass().removeAll("history-asof-missing");
        if (!answer.exists()) {
            asOfResult.getStyleClass().add("history-asof-missing");
        }
        if (answer.exists()) {
            valueTitle.setText("State as of " + Timestamps.format(answer.at().toEpochMilli(), utc.get()));
            setCode(answer.state().toPrettyString());
        }
    }

    private void setCode(String text) {
        value.replaceText(text == null ? "" : text);
        if (text != null && !text.isEmpty() && text.length() < 2_000_000) {
            value.setStyleSpans(0, JsonHighlighter.spans(text));
        }
        value.moveTo(0);
        value.requestFollowCaret();
    }

    public KeyHistoryViewModel viewModel() {
        return vm;
    }

    @Override
    public void close() {
        vm.close();
    }
}
