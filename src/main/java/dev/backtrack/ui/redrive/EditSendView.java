package dev.backtrack.ui.redrive;

import dev.backtrack.kafka.RawRecord;
import dev.backtrack.redrive.DeadLetter;
import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.connection.Workbench;
import dev.backtrack.ui.detail.JsonHighlighter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.kordamp.ikonli.feather.Feather;

/**
 * "Edit & send" of one dead letter: key and value editors (RichTextFX, JSON highlighting, the line of a
 * validation error marked), the live validation against the writer schema, the headers table, the diff of
 * original vs edited, the target topic and "Send" with where the record landed.
 */
final class EditSendView extends BorderPane {
    private final EditSendViewModel vm;
    private final CodeArea keyArea = codeArea("edit-key");
    private final CodeArea valueArea = codeArea("edit-value");
    private final Label validation = new Label();
    private final DeadLetter letter;
    private boolean opened;

    EditSendView(Workbench bench, DeadLetter letter, Path dataDir, Runnable onSent) {
        this.letter = letter;
        this.vm = new EditSendViewModel(bench.clients(), bench.ui(), dataDir);
        vm.sentProperty().addListener((o, a, sent) -> {
            if (sent != null) {
                onSent.run();
            }
        });
        setId("edit-send-view");
        getStyleClass().add("edit-send-view");
        setTop(header(letter));
        SplitPane center = new SplitPane(editors(), side());
        center.setDividerPositions(0.56);
        setCenter(center);
        setBottom(sendBar());
        bind(keyArea, vm.keyTextProperty(), "key");
        bind(valueArea, vm.valueTextProperty(), "value");
        vm.errorLineProperty().addListener((o, a, b) -> markErrorLine());
        vm.errorPartProperty().addListener((o, a, b) -> markErrorLine());
        // decoding starts when the view is first shown: a view dropped by openView (already open) does nothing
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null && !opened) {
                opened = true;
                vm.open(letter);
            }
        });
    }

    private VBox header(DeadLetter l) {
        RawRecord r = l.record();
        Label title = new Label("Edit & send · " + r.topic() + " " + r.partition() + "@" + r.offset());
        title.getStyleClass().add("triage-title");
        LetterRow row = new LetterRow(l, null);
        Label origin = new Label("Original " + row.origin() + " · " + row.exception()
                + (row.message().isEmpty() ? "" : ": " + row.message()));
        origin.getStyleClass().add("text-muted");
        origin.setMinWidth(0);
        origin.setTooltip(new javafx.scene.control.Tooltip(origin.getText()));
        Label note = new Label();
        note.setId("edit-journal-note");
        note.getStyleClass().add("send-warning");
        note.setWrapText(true);
        note.textProperty().bind(vm.journalNoteProperty());
        note.visibleProperty().bind(vm.journalNoteProperty().isNotNull());
        note.managedProperty().bind(note.visibleProperty());
        VBox box = new VBox(2, new HBox(8, Icons.icon(Feather.EDIT), title), origin, note);
        box.setPadding(new Insets(8, 10, 8, 10));
        box.getStyleClass().add("triage-toolbar");
        return box;
    }

    private VBox editors() {
        Label keyTitle = section(vm.keyFormatProperty(), "Key");
        Label valueTitle = section(vm.valueFormatProperty(), "Value");
        VirtualizedScrollPane<CodeArea> keyPane = new VirtualizedScrollPane<>(keyArea);
        keyPane.setPrefHeight(64);
        keyPane.setMinHeight(48);
        VirtualizedScrollPane<CodeArea> valuePane = new VirtualizedScrollPane<>(valueArea);
        VBox.setVgrow(valuePane, Priority.ALWAYS);
        validation.setId("edit-validation");
        validation.setWrapText(true);
        validation.setMinHeight(Region.USE_PREF_SIZE);
        vm.validationProperty().addListener((o, a, b) -> showValidation());
        vm.errorLineProperty().addListener((o, a, b) -> showValidation());
        vm.validProperty().addListener((o, a, b) -> showValidation());
        vm.readyProperty().addListener((o, a, b) -> showValidation());
        showValidation();
        VBox box = new VBox(4, keyTitle, keyPane, valueTitle, valuePane, validation);
        box.setPadding(new Insets(6, 6, 6, 10));
        return box;
    }

    private static Label section(StringProperty format, String what) {
        Label l = new Label();
        l.getStyleClass().add("section-title");
        l.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> format.get() == null || format.get().isEmpty() ? what : what + " · " + format.get(), format));
        return l;
    }

    private void showValidation() {
        validation.getStyleClass().removeAll("edit-valid", "edit-invalid");
        if (!vm.readyProperty().get()) {
            validation.setText(vm.errorProperty().get() == null ? "Decoding…" : "");
            return;
        }
        if (vm.validProperty().get()) {
            validation.setText("Valid: encodes as " + vm.valueFormatProperty().get()
                    + (vm.valueFormatProperty().get().contains("schema id") ? " with the same writer schema" : ""));
            validation.getStyleClass().add("edit-valid");
        } else {
            int line = vm.errorLineProperty().get();
            String where = line > 0 ? ("key".equals(vm.errorPartProperty().get()) ? "Key line " : "Line ") + line + " · " : "";
            validation.setText(vm.validationProperty().get() == null ? "" : where + vm.validationProperty().get());
            validation.getStyleClass().add("edit-invalid");
        }
    }

    private VBox side() {
        TableView<HeaderRow> headers = new TableView<>(vm.headers());
        headers.setId("edit-headers");
        headers.setEditable(true);
        headers.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        headers.setPlaceholder(new Label("No headers"));
        TableColumn<HeaderRow, String> name = new TableColumn<>("Header");
        name.setCellValueFactory(c -> c.getValue().nameProperty());
        name.setCellFactory(TextFieldTableCell.forTableColumn());
        name.setPrefWidth(200);
        TableColumn<HeaderRow, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> c.getValue().valueProperty());
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        value.setPrefWidth(260);
        name.setOnEditCommit(e -> {
            e.getRowValue().nameProperty().set(e.getNewValue());
            vm.validate();
        });
        value.setOnEditCommit(e -> {
            e.getRowValue().valueProperty().set(e.getNewValue());
            vm.validate();
        });
        headers.getColumns().setAll(List.of(name, value));
        headers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Button add = Icons.button(Feather.PLUS, "", "Add a header");
        add.setId("edit-header-add");
        add.setOnAction(e -> {
            vm.addHeader();
            headers.getSelectionModel().selectLast();
            headers.edit(vm.headers().size() - 1, name);
            vm.validate();
        });
        Button remove = Icons.button(Feather.MINUS, "", "Remove the selected header");
        remove.setId("edit-header-remove");
        remove.disableProperty().bind(headers.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> {
            vm.headers().remove(headers.getSelectionModel().getSelectedItem());
            vm.validate();
        });
        CheckBox keep = new CheckBox("Keep dead-letter headers");
        keep.setId("edit-keep-dlt");
        keep.selectedProperty().bindBidirectional(vm.keepDeadLetterHeadersProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label headersTitle = new Label("Headers");
        headersTitle.getStyleClass().add("section-title");
        HBox headerBar = new HBox(6, headersTitle, spacer, keep, add, remove);
        headerBar.setAlignment(Pos.CENTER_LEFT);

        TableView<DiffRow> diff = new TableView<>(vm.diff());
        diff.setId("edit-diff");
        diff.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        diff.setPlaceholder(new Label("No changes yet: the record would be sent as it is"));
        diff.getColumns().setAll(List.of(text("Field", EditSendView::field, 240), text("Before", DiffRow::before, 120),
                text("After", DiffRow::after, 120)));
        diff.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        diff.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(DiffRow row, boolean empty) {
                super.updateItem(row, empty);
                for (String kind : List.of("added", "removed", "changed")) {
                    pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass(kind), !empty && row != null && kind.equals(row.kind()));
                }
            }
        });
        Label diffTitle = new Label("Changes (original → edited)");
        diffTitle.getStyleClass().add("section-title");
        VBox.setVgrow(headers, Priority.ALWAYS);
        VBox.setVgrow(diff, Priority.ALWAYS);
        VBox box = new VBox(4, headerBar, headers, diffTitle, diff);
        box.setPadding(new Insets(6, 10, 6, 6));
        return box;
    }

    /** "/shippingAddress/postalCode" for the value, "key …" and "header …" for the others; the colour says the kind. */
    private static String field(DiffRow d) {
        return switch (d.part()) {
            case "value" -> d.path();
            case "key" -> "key" + ("/".equals(d.path()) ? "" : " " + d.path());
            default -> d.path().startsWith("dead-letter") ? d.path() : d.part() + " " + d.path();
        };
    }

    private HBox sendBar() {
        Label to = new Label("Send to");
        TextField target = new TextField();
        target.setId("edit-target");
        target.setPrefColumnCount(20);
        target.textProperty().bindBidirectional(vm.targetTopicProperty());
        Label how = new Label("partition by key · timestamp now · adds backtrack.redrive.* headers");
        how.getStyleClass().add("text-muted");
        how.setMinWidth(0);
        Label result = new Label();
        result.setId("edit-result");
        result.getStyleClass().add("edit-valid");
        result.textProperty().bind(vm.resultProperty());
        result.setMinWidth(0);
        Label error = new Label();
        error.setId("edit-error");
        error.getStyleClass().add("send-refused");
        error.textProperty().bind(vm.errorProperty());
        error.setWrapText(true);
        error.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button send = Icons.button(Feather.SEND, "Send", "Send the edited record to the target topic");
        send.setId("edit-send-button");
        send.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);
        // once sent, a second click cannot write a second copy by accident (reopen the letter to send again)
        send.disableProperty().bind(vm.validProperty().not().or(vm.busyProperty()).or(vm.readyProperty().not())
                .or(vm.sentProperty().isNotNull()));
        send.setOnAction(e -> vm.send());
        HBox bar = new HBox(10, to, target, how, spacer, result, error, send);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 8, 10));
        bar.getStyleClass().add("triage-send-bar");
        return bar;
    }

    /** Keeps the code area and the view-model text in step, re-highlights and re-validates on every change. */
    private void bind(CodeArea area, StringProperty text, String part) {
        boolean[] updating = {false};
        text.addListener((o, a, now) -> {
            if (!updating[0] && !area.getText().equals(now)) {
                updating[0] = true;
                area.replaceText(now == null ? "" : now);
                area.moveTo(0);
                updating[0] = false;
                highlight(area);
            }
        });
        area.textProperty().addListener((o, a, now) -> {
            highlight(area);
            if (!updating[0]) {
                updating[0] = true;
                text.set(now);
                updating[0] = false;
                vm.validate();
            }
        });
    }

    private void highlight(CodeArea area) {
        String t = area.getText();
        if (!t.isEmpty() && t.length() < 2_000_000) {
            area.setStyleSpans(0, JsonHighlighter.spans(t));
        }
    }

    private void markErrorLine() {
        for (CodeArea area : List.of(keyArea, valueArea)) {
            for (int i = 0; i < area.getParagraphs().size(); i++) {
                if (!area.getParagraph(i).getParagraphStyle().isEmpty()) {
                    area.setParagraphStyle(i, List.of());
                }
            }
        }
        int line = vm.errorLineProperty().get();
        CodeArea area = "key".equals(vm.errorPartProperty().get()) ? keyArea : valueArea;
        if (line > 0 && line <= area.getParagraphs().size()) {
            area.setParagraphStyle(line - 1, List.of("edit-error-line"));
        }
    }

    private static CodeArea codeArea(String id) {
        CodeArea area = new CodeArea();
        area.setId(id);
        area.setWrapText(false);
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.getStyleClass().add("json-area");
        return area;
    }

    private static <S> TableColumn<S, String> text(String title, Function<S, String> value, double width) {
        TableColumn<S, String> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        col.setPrefWidth(width);
        return col;
    }

    EditSendViewModel viewModel() {
        return vm;
    }

    CodeArea valueArea() {
        return valueArea;
    }

    DeadLetter letter() {
        return letter;
    }
}
