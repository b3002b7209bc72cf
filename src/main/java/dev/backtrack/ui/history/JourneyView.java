package dev.backtrack.ui.history;

import dev.backtrack.history.JourneyStep;
import dev.backtrack.history.TraceContext;
import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.detail.JsonHighlighter;
import dev.backtrack.ui.detail.RecordDetail;
import dev.backtrack.ui.detail.Timestamps;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.kordamp.ikonli.feather.Feather;

/**
 * The journey of one trace (or correlation id) across topics: the topics to search and the time window
 * around the starting record, a horizontal timeline of the steps with the time between them, a table of the
 * steps, and the selected step's trace context, dead-letter cause and decoded value. Missing steps are not
 * invented: the timeline shows exactly the records found. The search starts when the view is first shown.
 */
public final class JourneyView extends BorderPane implements AutoCloseable {
    private final JourneyViewModel vm;
    private final BooleanProperty utc;
    private final StepStrip strip;
    private final TableView<JourneyStep> table = new TableView<>();
    private final CodeArea value = new CodeArea();
    private final Label stepTitle = new Label();
    private final Label trace = new Label();
    private final Label deadLetter = new Label();
    private final MenuButton topicsMenu = new MenuButton();

    public JourneyView(JourneyViewModel vm, BooleanProperty utc, Consumer<JourneyStep> onOpenRecord,
                       Function<String, Path> askExportFile, boolean searchWhenShown) {
        this.vm = vm;
        this.utc = utc;
        setId("journey-view");
        getStyleClass().add("journey-view");
        strip = new StepStrip(utc::get, s -> vm.selectedProperty().set(s));
        strip.setId("journey-strip");
        setTop(new VBox(6, bar(askExportFile), messages()));
        BorderPane.setMargin(getTop(), new Insets(8, 8, 4, 8));

        buildTable();
        value.setId("journey-value");
        value.setEditable(false);
        value.getStyleClass().add("json-area");
        Button open = Icons.button(Feather.EXTERNAL_LINK, "Open record", "Show this record in the browse tab");
        open.setId("journey-open-record");
        open.setMinWidth(Region.USE_PREF_SIZE);
        open.disableProperty().bind(vm.selectedProperty().isNull());
        open.setOnAction(e -> onOpenRecord.accept(vm.selectedProperty().get()));
        stepTitle.getStyleClass().add("detail-title");
        stepTitle.setMinWidth(0);
        trace.setId("journey-trace");
        trace.getStyleClass().add("text-muted");
        trace.setWrapText(true);
        deadLetter.setId("journey-dead-letter");
        deadLetter.getStyleClass().add("dead-letter");
        deadLetter.setWrapText(true);
        deadLetter.managedProperty().bind(deadLetter.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox titleRow = new HBox(8, stepTitle, spacer, open);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        VirtualizedScrollPane<CodeArea> valueScroll = new VirtualizedScrollPane<>(value);
        VBox detail = new VBox(6, titleRow, trace, deadLetter, valueScroll);
        VBox.setVgrow(valueScroll, Priority.ALWAYS);
        SplitPane split = new SplitPane(table, detail);
        split.setDividerPositions(0.55);
        VBox center = new VBox(6, strip, split);
        VBox.setVgrow(split, Priority.ALWAYS);
        setCenter(center);
        BorderPane.setMargin(center, new Insets(0, 8, 8, 8));

        vm.steps().addListener((ListChangeListener<JourneyStep>) c -> strip.show(vm.steps(), vm.selectedProperty().get()));
        vm.selectedProperty().addListener((o, a, s) -> showStep(s));
        vm.topics().addListener((ListChangeListener<JourneyViewModel.TopicChoice>) c -> fillTopicsMenu());
        utc.addListener((o, a, b) -> {
            table.refresh();
            strip.show(vm.steps(), vm.selectedProperty().get());
            showStep(vm.selectedProperty().get());
        });
        showStep(null);
        if (searchWhenShown) {
            sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> o, javafx.scene.Scene a, javafx.scene.Scene s) {
                    if (s != null) {
                        sceneProperty().removeListener(this);
                        vm.loadTopics(vm::search);
                    }
                }
            });
        }
    }

    private HBox bar(Function<String, Path> askExportFile) {
        Label following = new Label();
        following.setId("journey-correlation");
        following.getStyleClass().add("detail-title");
        following.setMinWidth(0);
        following.textProperty().bind(Bindings.createStringBinding(() -> vm.correlationProperty().get() == null ? ""
                : "Following " + vm.correlationProperty().get().describe(), vm.correlationProperty()));
        ChoiceBox<JourneyViewModel.WindowSpan> span = new ChoiceBox<>();
        span.setId("journey-window");
        span.getItems().setAll(JourneyViewModel.WindowSpan.values());
        span.valueProperty().bindBidirectional(vm.spanProperty());
        span.setTooltip(new javafx.scene.control.Tooltip("Time window around the record the journey started from"));
        topicsMenu.setId("journey-topics");
        topicsMenu.setGraphic(Icons.icon(Feather.LAYERS));
        topicsMenu.setMinWidth(Region.USE_PREF_SIZE);
        fillTopicsMenu();
        Button search = Icons.button(Feather.SEARCH, "Search", "Search the checked topics in parallel");
        search.setId("journey-search");
        search.setMinWidth(Region.USE_PREF_SIZE);
        search.setOnAction(e -> vm.search());
        Button cancel = Icons.button(Feather.X, "Cancel", "Stop the search");
        cancel.setId("journey-cancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.visibleProperty().bind(vm.busyProperty());
        cancel.managedProperty().bind(vm.busyProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("journey-progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.busyProperty());
        progress.managedProperty().bind(vm.busyProperty());
        progress.setPrefWidth(120);
        Button export = Icons.button(Feather.DOWNLOAD, "Export", "Write the journey's records as a Backtrack archive (JSONL)");
        export.setId("journey-export");
        export.setMinWidth(Region.USE_PREF_SIZE);
        export.disableProperty().bind(Bindings.isEmpty(vm.steps()).or(vm.busyProperty()));
        export.setOnAction(e -> {
            Path file = askExportFile.apply("journey.jsonl");
            if (file != null) {
                vm.export(file, null);
            }
        });
        javafx.scene.control.MenuButton replay = new javafx.scene.control.MenuButton("Replay", Icons.icon(Feather.REPEAT));
        replay.setId("journey-replay");
        replay.setMinWidth(Region.USE_PREF_SIZE);
        replay.setVisible(vm.canReplay());
        replay.setManaged(vm.canReplay());
        replay.disableProperty().bind(Bindings.isEmpty(vm.steps()).or(vm.busyProperty()));
        javafx.scene.control.MenuItem own = new javafx.scene.control.MenuItem("Each record to its own topic and partition…");
        own.setId("journey-replay-own");
        own.setOnAction(e -> confirmReplay(new dev.backtrack.history.JourneyReplay.Target.OwnTopics(), "its own topic and partition"));
        javafx.scene.control.MenuItem one = new javafx.scene.control.MenuItem("All records to one topic…");
        one.setId("journey-replay-one");
        one.setOnAction(e -> {
            javafx.scene.control.TextInputDialog ask = new javafx.scene.control.TextInputDialog();
            ask.setTitle("Replay the journey");
            ask.setHeaderText("Topic to write the journey's " + vm.steps().size() + " records into (it must exist)");
            ask.initOwner(getScene() == null ? null : getScene().getWindow());
            ask.showAndWait().map(String::strip).filter(t -> !t.isEmpty()).ifPresent(t ->
                    confirmReplay(new dev.backtrack.history.JourneyReplay.Target.OneTopic(t), t));
        });
        replay.getItems().setAll(own, one);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, following, spacer, new Label("Window"), span, topicsMenu, search, progress, cancel, export, replay);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void confirmReplay(dev.backtrack.history.JourneyReplay.Target target, String where) {
        javafx.scene.control.Alert confirm = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "Write the journey's " + vm.steps().size() + " records, each to " + where + ", keeping keys, values, headers"
                        + " and timestamps, with backtrack.replay.* provenance headers?");
        confirm.setTitle("Replay the journey");
        confirm.setHeaderText("Replay " + vm.steps().size() + " records");
        confirm.initOwner(getScene() == null ? null : getScene().getWindow());
        confirm.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).ifPresent(b -> vm.replay(target, null));
    }

    private VBox messages() {
        Label status = new Label();
        status.setId("journey-status");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(vm.statusProperty());
        Label window = new Label();
        window.getStyleClass().add("text-muted");
        window.textProperty().bind(Bindings.createStringBinding(() -> {
            var w = vm.window();
            return w.from() == null ? "Searching all retained records"
                    : "Searching " + Timestamps.format(w.from().toEpochMilli(), utc.get()) + " … " + Timestamps.format(w.to().toEpochMilli(), utc.get());
        }, vm.spanProperty(), vm.anchorProperty(), utc));
        Label error = new Label();
        error.setId("journey-error");
        error.getStyleClass().add("detail-error");
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        Label notes = new Label();
        notes.setId("journey-notes");
        notes.getStyleClass().add("history-warning");
        notes.setWrapText(true);
        notes.textProperty().bind(Bindings.createStringBinding(() -> vm.journeyProperty().get() == null ? ""
                : String.join("\n", vm.journeyProperty().get().notes()), vm.journeyProperty()));
        notes.visibleProperty().bind(notes.textProperty().isNotEmpty());
        notes.managedProperty().bind(notes.visibleProperty());
        return new VBox(4, new HBox(16, status, window), error, notes);
    }

    private void fillTopicsMenu() {
        int total = vm.topics().size();
        topicsMenu.getItems().clear();
        MenuItem all = new MenuItem("Check all");
        all.setOnAction(e -> vm.topics().forEach(t -> t.selected().set(true)));
        MenuItem none = new MenuItem("Check none");
        none.setOnAction(e -> vm.topics().forEach(t -> t.selected().set(false)));
        topicsMenu.getItems().addAll(all, none, new SeparatorMenuItem());
        for (JourneyViewModel.TopicChoice t : vm.topics()) {
            CheckBox box = new CheckBox(t.name());
            box.selectedProperty().bindBidirectional(t.selected());
            box.selectedProperty().addListener((o, a, b) -> updateTopicsText(total));
            CustomMenuItem item = new CustomMenuItem(box, false);
            topicsMenu.getItems().add(item);
        }
        updateTopicsText(total);
    }

    private void updateTopicsText(int total) {
        topicsMenu.setText(total == 0 ? "Topics" : "Topics (" + vm.selectedTopics().size() + " of " + total + ")");
    }

    private void buildTable() {
        table.setId("journey-table");
        table.setItems(vm.steps());
        table.setPlaceholder(new Label("No steps"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("#", 32, s -> String.valueOf(vm.steps().indexOf(s) + 1)));
        table.getColumns().add(column("Time", 150, s -> withoutYear(Timestamps.format(s.record().raw().timestamp(), utc.get()))));
        table.getColumns().add(column("Gap", 105, s -> s.sincePrevious() == null ? "" : "+" + TimeText.gap(s.sincePrevious())));
        table.getColumns().add(column("Topic", 190, s -> s.topic()));
        table.getColumns().add(column("Record", 85, s -> "p" + s.record().raw().partition() + " @ " + s.record().raw().offset()));
        table.getColumns().add(column("Dead letter", 110, s -> s.isDeadLetter() ? StepStrip.shortClass(s.deadLetter().exceptionClass()) : ""));
        table.getColumns().getFirst().setMaxWidth(44);
        table.getColumns().get(1).setMinWidth(155);
        table.getColumns().get(2).setMinWidth(95);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (s != null && s != vm.selectedProperty().get()) {
                vm.selectedProperty().set(s);
            }
        });
    }

    /** "11-27 10:51:06.144": the strip and the detail show the year. */
    private static String withoutYear(String timestamp) {
        return timestamp.length() > 5 && timestamp.charAt(4) == '-' ? timestamp.substring(5) : timestamp;
    }

    private static TableColumn<JourneyStep, String> column(String title, double width, Function<JourneyStep, String> text) {
        TableColumn<JourneyStep, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(text.apply(d.getValue())));
        return c;
    }

    private void showStep(JourneyStep s) {
        strip.select(s);
        if (s == null) {
            stepTitle.setText(vm.steps().isEmpty() ? "" : "Select a step");
            trace.setText("");
            deadLetter.setVisible(false);
            setCode("");
            return;
        }
        if (table.getSelectionModel().getSelectedItem() != s) {
            table.getSelectionModel().select(s);
            table.scrollTo(s);
        }
        stepTitle.setText("Step " + (vm.steps().indexOf(s) + 1) + " of " + vm.steps().size() + " · " + s.topic() + " · p"
                + s.record().raw().partition() + " @ " + s.record().raw().offset());
        TraceContext t = s.trace();
        trace.setText(t == null ? "No trace context on this record."
                : "trace " + t.traceId() + " · span " + t.spanId() + " · " + (t.sampled() ? "sampled" : "not sampled")
                + (t.traceState().isEmpty() ? "" : " · tracestate " + t.traceState()));
        deadLetter.setVisible(s.isDeadLetter());
        if (s.isDeadLetter()) {
            deadLetter.setText("Dead letter" + s.deadLetter().originalTopic().map(o -> " from " + o).orElse("") + ": "
                    + s.deadLetter().exceptionClass() + (s.deadLetter().exceptionMessage() == null ? "" : ": " + s.deadLetter().exceptionMessage()));
        }
        setCode(RecordDetail.pretty(s.record().value()));
    }

    private void setCode(String text) {
        value.replaceText(text == null ? "" : text);
        if (text != null && !text.isEmpty() && text.length() < 2_000_000) {
            value.setStyleSpans(0, JsonHighlighter.spans(text));
        }
        value.moveTo(0);
        value.requestFollowCaret();
    }

    public JourneyViewModel viewModel() {
        return vm;
    }

    StepStrip strip() {
        return strip;
    }

    @Override
    public void close() {
        vm.close();
    }
}
