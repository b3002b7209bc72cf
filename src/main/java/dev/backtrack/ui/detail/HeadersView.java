package dev.backtrack.ui.detail;

import dev.backtrack.codec.DecodedRecord;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Headers tab: for a dead letter, its decoded fields (origin, failure, convention) and a scrollable
 * stack trace above the raw headers; the raw headers table always, with the reason beside every header
 * that could not be decoded.
 */
final class HeadersView extends javafx.scene.control.ScrollPane {
    private final TableView<RecordDetail.HeaderLine> table = new TableView<>();
    private final VBox deadLetter = new VBox(4);
    private final Label conventions = new Label();
    private final GridPane fields = new GridPane();
    private final TextArea stackTrace = new TextArea();
    private DeadLetterSummary summary;

    HeadersView() {
        VBox content = new VBox(6);
        TableColumn<RecordDetail.HeaderLine, String> name = new TableColumn<>("Header");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(200);
        TableColumn<RecordDetail.HeaderLine, String> val = new TableColumn<>("Value");
        val.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        val.setPrefWidth(260);
        TableColumn<RecordDetail.HeaderLine, String> problem = new TableColumn<>("Not decoded because");
        problem.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().problem()));
        problem.setPrefWidth(260);
        problem.setId("header-problem");
        table.getColumns().setAll(List.of(name, val, problem));
        table.setId("detail-headers");
        table.setPlaceholder(new Label("No headers"));
        // the tab scrolls as a whole when a dead letter's fields leave the table too little room
        table.setMinHeight(200);
        VBox.setVgrow(table, Priority.ALWAYS);

        conventions.getStyleClass().add("dead-letter-title");
        conventions.setId("dead-letter-title");
        fields.setId("dead-letter-fields");
        fields.setHgap(12);
        fields.setVgap(2);
        javafx.scene.layout.ColumnConstraints names = new javafx.scene.layout.ColumnConstraints();
        names.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        fields.getColumnConstraints().setAll(names, values);
        stackTrace.setId("dead-letter-stacktrace");
        stackTrace.setEditable(false);
        stackTrace.setWrapText(false);
        stackTrace.setPrefRowCount(6);
        stackTrace.setMinHeight(80);
        stackTrace.getStyleClass().add("hex-view");
        deadLetter.getChildren().setAll(conventions, fields, stackTrace);
        deadLetter.setPadding(new Insets(6, 6, 0, 6));
        deadLetter.getStyleClass().add("dead-letter");
        content.getChildren().setAll(deadLetter, table);
        setContent(content);
        setFitToWidth(true);
        setFitToHeight(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        show(null, false);
    }

    void show(DecodedRecord record, boolean utc) {
        summary = record == null ? null : DeadLetterSummary.of(record.raw(), utc).orElse(null);
        boolean dlt = summary != null;
        deadLetter.setVisible(dlt);
        deadLetter.setManaged(dlt);
        fields.getChildren().clear();
        if (record == null) {
            table.getItems().clear();
            return;
        }
        List<RecordDetail.HeaderLine> lines = DeadLetterSummary.annotate(RecordDetail.headerLines(record), summary);
        table.getItems().setAll(lines);
        table.getColumns().get(2).setVisible(lines.stream().anyMatch(l -> l.problem() != null));
        if (!dlt) {
            return;
        }
        conventions.setText("Dead letter · " + summary.conventions()
                + (summary.problems().isEmpty() ? "" : " · " + summary.problems().size() + " header(s) not decoded, shown raw below"));
        int row = 0;
        for (Map.Entry<String, String> e : summary.fields().entrySet()) {
            Label k = new Label(e.getKey());
            k.getStyleClass().add("text-muted");
            k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label v = new Label(e.getValue());
            v.setWrapText(true);
            v.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            fields.addRow(row++, k, v);
        }
        boolean trace = summary.stackTrace() != null && !summary.stackTrace().isBlank();
        stackTrace.setText(trace ? summary.stackTrace() : "");
        stackTrace.setVisible(trace);
        stackTrace.setManaged(trace);
    }

    DeadLetterSummary summary() {
        return summary;
    }

    TableView<RecordDetail.HeaderLine> table() {
        return table;
    }

    TextArea stackTrace() {
        return stackTrace;
    }
}
