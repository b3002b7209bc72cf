package dev.backtrack.ui.browse;

import dev.backtrack.browse.Position;
import dev.backtrack.codec.Format;
import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.common.UiExecutor;
import dev.backtrack.ui.detail.DetailPane;
import dev.backtrack.ui.export.RecordExport;
import dev.backtrack.ui.search.SearchBar;
import dev.backtrack.ui.search.SearchViewModel;
import java.nio.file.Path;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import dev.backtrack.ui.timeline.TimelineCanvas;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * One topic's browse screen: seek bar, decoder and search row, timeline, message table and detail pane.
 * A thin controller: it binds controls to the {@link BrowseViewModel} and forwards actions.
 */
public final class BrowseView extends VBox {
    private final BrowseViewModel vm;
    private final MessageTable table;
    private final DetailPane detail;
    private final TimelineCanvas timeline;
    private final HBox toolRow = new HBox(8);
    private final SplitPane split;
    private volatile long lastDetailNanos;

    private final SearchBar searchBar;
    private final UiExecutor ui;

    public BrowseView(BrowseViewModel vm, SearchViewModel search, UiExecutor ui, BooleanProperty utc, Consumer<String> onError) {
        this.vm = vm;
        this.ui = ui;
        this.searchBar = new SearchBar(search);
        getStyleClass().add("browse-view");
        setSpacing(6);
        setPadding(new Insets(6, 8, 6, 8));
        table = new MessageTable(vm.rows());
        table.utcProperty().bind(utc);
        detail = new DetailPane(vm::commandLine);
        utc.addListener((o, a, b) -> detail.setUtc(b));
        detail.setUtc(utc.get());
        SeekBar seek = new SeekBar(vm, utc::get, onError);
        timeline = new TimelineCanvas(at -> vm.seek(new Position.AtTimestamp(at)), vm::seekTimeWindow);
        timeline.setUtc(utc.get());
        utc.addListener((o, a, b) -> timeline.setUtc(b));
        vm.timelineProperty().addListener((o, a, b) -> timeline.setTimeline(b));

        ComboBox<Format> keyFormat = formatBox("key-format", "Key");
        ComboBox<Format> valueFormat = formatBox("value-format", "Value");
        keyFormat.valueProperty().bindBidirectional(vm.keyFormatProperty());
        valueFormat.valueProperty().bindBidirectional(vm.valueFormatProperty());
        keyFormat.setOnAction(e -> vm.reload());
        valueFormat.setOnAction(e -> vm.reload());
        Label keyLabel = new Label("Key");
        Label valueLabel = new Label("Value");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.busyProperty());
        Label status = new Label();
        status.setId("browse-status");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(vm.statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        toolRow.setAlignment(Pos.CENTER_LEFT);
        MenuButton export = new MenuButton("Export", Icons.icon(Feather.DOWNLOAD));
        export.setId("export");
        MenuItem toArchive = new MenuItem("Archive (JSONL, full fidelity)…");
        toArchive.setId("export-archive");
        toArchive.setOnAction(e -> chooseAndExport(ExportFormat.ARCHIVE, onError));
        MenuItem toCsv = new MenuItem("CSV (decoded text, for spreadsheets)…");
        toCsv.setId("export-csv");
        toCsv.setOnAction(e -> chooseAndExport(ExportFormat.CSV, onError));
        export.getItems().setAll(toArchive, toCsv);
        toolRow.getChildren().setAll(keyLabel, keyFormat, valueLabel, valueFormat, export, spacer, busy, status);
        for (javafx.scene.layout.Region r : List.of(keyLabel, keyFormat, valueLabel, valueFormat, export)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        status.setMinWidth(0);

        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            long t0 = System.nanoTime();
            vm.selectedProperty().set(row);
            detail.show(row == null ? null : row.record());
            lastDetailNanos = System.nanoTime() - t0;
        });
        vm.errorProperty().addListener((o, a, b) -> {
            if (b != null) {
                onError.accept(b);
            }
        });
        split = new SplitPane(table, detail);
        split.setDividerPositions(0.6);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().setAll(seek, searchBar, toolRow, timeline, split);
        addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
    }

    private static ComboBox<Format> formatBox(String id, String what) {
        ComboBox<Format> box = new ComboBox<>();
        box.setId(id);
        List<Format> items = new ArrayList<>();
        items.add(null);
        for (Format f : Format.values()) {
            if (f != Format.NULL) {
                items.add(f);
            }
        }
        box.getItems().setAll(items);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(Format f) {
                return f == null ? "Auto" : f.name();
            }

            @Override
            public Format fromString(String s) {
                return null;
            }
        });
        box.setPromptText("Auto");
        box.setTooltip(new javafx.scene.control.Tooltip(what + " decoder for this topic (remembered per profile)"));
        return box;
    }

    private void shortcut(KeyEvent e) {
        boolean ctrl = e.isShortcutDown();
        if (ctrl && e.getCode() == KeyCode.HOME) {
            vm.seek(Position.BEGINNING);
        } else if (ctrl && e.getCode() == KeyCode.END) {
            vm.seek(Position.END);
        } else if ((ctrl && e.getCode() == KeyCode.RIGHT) || e.getCode() == KeyCode.PAGE_DOWN && ctrl) {
            vm.nextPage();
        } else if ((ctrl && e.getCode() == KeyCode.LEFT) || e.getCode() == KeyCode.PAGE_UP && ctrl) {
            vm.previousPage();
        } else if (ctrl && e.getCode() == KeyCode.L) {
            if (vm.tailingProperty().get()) {
                vm.stopTail();
            } else {
                vm.startTail();
            }
        } else if (ctrl && e.getCode() == KeyCode.F) {
            searchBar.focusField();
        } else if (e.getCode() == KeyCode.F5) {
            vm.reload();
        } else if (e.getCode() == KeyCode.ESCAPE) {
            vm.cancel();
        } else {
            return;
        }
        e.consume();
    }

    /** What the export menu writes: the lossless JSONL archive or a CSV of decoded columns. */
    public enum ExportFormat { ARCHIVE, CSV }

    private void chooseAndExport(ExportFormat format, Consumer<String> onError) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + vm.rows().size() + " records");
        String extension = format == ExportFormat.CSV ? "csv" : "jsonl";
        chooser.setInitialFileName(vm.topicProperty().get() + "." + extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                format == ExportFormat.CSV ? "CSV" : "Backtrack archive", "*." + extension));
        java.io.File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            export(format, file.toPath(), onError);
        }
    }

    /** Exports the rows in view (current page, live buffer or search result) to an archive in the background. */
    public void export(Path file, Consumer<String> onError) {
        export(ExportFormat.ARCHIVE, file, onError);
    }

    /** Exports the rows in view (current page, live buffer or search result) in the background. */
    public void export(ExportFormat format, Path file, Consumer<String> onError) {
        List<dev.backtrack.codec.DecodedRecord> records = vm.rows().stream().map(MessageRow::record).toList();
        String topic = vm.topicProperty().get();
        vm.setStatus("Exporting " + records.size() + " records…");
        ui.supply(() -> format == ExportFormat.CSV ? RecordExport.toCsv(records, file)
                        : RecordExport.toArchive(records, vm.backend().name(), topic, file),
                n -> vm.setStatus("Exported " + n + " records to " + file),
                failure -> onError.accept("Export failed: " + BrowseViewModel.message(failure)));
    }

    public HBox toolRow() {
        return toolRow;
    }

    public MessageTable table() {
        return table;
    }

    public DetailPane detail() {
        return detail;
    }

    public TimelineCanvas timeline() {
        return timeline;
    }

    public SplitPane split() {
        return split;
    }

    public BrowseViewModel viewModel() {
        return vm;
    }

    /** How long the last selection took to fill the detail pane (for the ≤ 50 ms budget). */
    public long lastDetailNanos() {
        return lastDetailNanos;
    }
}
