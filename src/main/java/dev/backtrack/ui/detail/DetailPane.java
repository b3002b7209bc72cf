package dev.backtrack.ui.detail;

import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.ui.common.Icons;
import java.util.Map;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.kordamp.ikonli.feather.Feather;

/**
 * The selected record: highlighted JSON value, key, headers, hex, schema and metadata tabs, plus copy
 * actions. {@link #show} runs on the FX thread and only sets texts already built by {@link RecordDetail};
 * the hex dump is built when its tab is opened.
 */
public final class DetailPane extends VBox {
    private final CodeArea value = codeArea("detail-value");
    private final CodeArea key = codeArea("detail-key");
    private final CodeArea schema = codeArea("detail-schema");
    private final TextArea hex = new TextArea();
    private final HeadersView headers = new HeadersView();
    private final GridPane metadata = new GridPane();
    private final Label error = new Label();
    private final Label title = new Label("No record selected");
    private final TabPane tabs = new TabPane();
    private final Tab hexTab = new Tab("Hex");
    private final java.util.Set<Tab> filled = new java.util.HashSet<>();
    private DecodedRecord current;
    private boolean utc;

    public DetailPane(Supplier<String> commandLine) {
        getStyleClass().add("detail-pane");
        setSpacing(6);
        setPadding(new Insets(6));
        title.getStyleClass().add("detail-title");
        error.getStyleClass().add("detail-error");
        error.setWrapText(true);
        error.setManaged(false);
        error.setVisible(false);
        Button copyValue = Icons.button(Feather.COPY, "", "Copy the value (Ctrl+Shift+C)");
        copyValue.setId("copy-value");
        copyValue.setOnAction(e -> copyValue());
        Button copyJson = Icons.button(Feather.CODE, "", "Copy the record as JSON");
        copyJson.setOnAction(e -> copy(current == null ? "" : RecordDetail.asJson(current)));
        Button copyCommand = Icons.button(Feather.TERMINAL, "", "Copy a ./backtrack command that reproduces this view");
        copyCommand.setId("copy-command");
        copyCommand.setOnAction(e -> copy(commandLine.get()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        title.setMinWidth(0);
        HBox bar = new HBox(6, title, spacer, copyValue, copyJson, copyCommand);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.getStyleClass().add("detail-bar");

        hex.setEditable(false);
        hex.getStyleClass().add("hex-view");
        metadata.setHgap(12);
        metadata.setVgap(4);
        metadata.setPadding(new Insets(8));

        tabs.setId("detail-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        hexTab.setContent(hex);
        tabs.getTabs().setAll(java.util.List.of(
                new Tab("Value", new VirtualizedScrollPane<>(value)), new Tab("Key", new VirtualizedScrollPane<>(key)),
                new Tab("Headers", headers), hexTab, new Tab("Schema", new VirtualizedScrollPane<>(schema)),
                new Tab("Metadata", metadata)));
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> fillSelected());
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().setAll(bar, error, tabs);
    }

    private static CodeArea codeArea(String id) {
        CodeArea area = new CodeArea();
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(false);
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.getStyleClass().add("json-area");
        return area;
    }

    public void setUtc(boolean utc) {
        this.utc = utc;
        if (current != null) {
            show(current);
        }
    }

    /**
     * Shows a record (null clears). Call on the FX thread. Only the visible tab is filled now; the others
     * are filled when opened, so a selection costs one tab's work.
     */
    public void show(DecodedRecord record) {
        current = record;
        filled.clear();
        if (record == null) {
            title.setText("No record selected");
            setCode(value, "");
            setCode(key, "");
            setCode(schema, "");
            headers.show(null, utc);
            hex.clear();
            metadata.getChildren().clear();
            showError(null);
            return;
        }
        title.setText("Partition " + record.raw().partition() + " · offset " + record.raw().offset());
        showError(RecordDetail.errorText(record));
        fillSelected();
    }

    private void fillSelected() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        if (current == null || tab == null || !filled.add(tab)) {
            return;
        }
        switch (tab.getText()) {
            case "Value" -> setCode(value, RecordDetail.pretty(current.value()));
            case "Key" -> setCode(key, RecordDetail.pretty(current.key()));
            case "Headers" -> headers.show(current, utc);
            case "Hex" -> hex.setText("Key\n" + HexDump.of(current.raw().key()) + "\nValue\n" + HexDump.of(current.raw().value()));
            case "Schema" -> setCode(schema, RecordDetail.schema(current));
            case "Metadata" -> {
                metadata.getChildren().clear();
                int row = 0;
                for (Map.Entry<String, String> e : RecordDetail.metadata(current, utc).entrySet()) {
                    Label k = new Label(e.getKey());
                    k.getStyleClass().add("text-muted");
                    metadata.addRow(row++, k, new Label(e.getValue()));
                }
            }
            default -> { }
        }
    }

    /** Opens a tab by its title ("Value", "Key", "Headers", "Hex", "Schema", "Metadata"). */
    public void selectTab(String name) {
        tabs.getTabs().stream().filter(t -> t.getText().equals(name)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    private void showError(String text) {
        error.setText(text == null ? "" : text);
        error.setManaged(text != null);
        error.setVisible(text != null);
    }

    private static void setCode(CodeArea area, String text) {
        area.replaceText(text);
        if (!text.isEmpty() && text.length() < 2_000_000) {
            area.setStyleSpans(0, JsonHighlighter.spans(text));
        }
        area.moveTo(0);
        area.requestFollowCaret();
    }

    private void copyValue() {
        if (current != null) {
            copy(RecordDetail.pretty(current.value()));
        }
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    public CodeArea valueArea() {
        return value;
    }

    public CodeArea schemaArea() {
        return schema;
    }

    public Label errorLabel() {
        return error;
    }

    /** The dead-letter fields the Headers tab shows (filled when that tab is open), or null. */
    public DeadLetterSummary deadLetter() {
        return headers.summary();
    }

    public javafx.scene.control.TextArea stackTraceArea() {
        return headers.stackTrace();
    }

    public javafx.scene.control.TableView<RecordDetail.HeaderLine> headersTable() {
        return headers.table();
    }

    public DecodedRecord current() {
        return current;
    }
}
