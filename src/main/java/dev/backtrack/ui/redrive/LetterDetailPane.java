package dev.backtrack.ui.redrive;

import dev.backtrack.redrive.DeadLetter;
import dev.backtrack.redrive.Failure;
import dev.backtrack.redrive.Origin;
import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.connection.Workbench;
import dev.backtrack.ui.detail.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import java.util.List;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The selected dead letter in the triage view: where it came from (original topic/partition/offset/time),
 * consumer group, exception, cause and message, what the journal says, the stack trace (monospace, scrollable),
 * and "Open original record" / "Open dead letter" / "Edit & send…".
 */
final class LetterDetailPane extends VBox {
    private final Workbench bench;
    private final Label title = new Label("No dead letter selected");
    private final GridPane fields = new GridPane();
    private final TextArea stackTrace = new TextArea();
    private final VBox tracePane = new VBox(4);
    private final Hyperlink openOriginal = new Hyperlink("Open original record");
    private final Hyperlink openDeadLetter = new Hyperlink("Open dead letter");
    private final Button edit = Icons.button(Feather.EDIT, "Edit & send…", "Edit the key, value and headers, then send it back");
    private LetterRow row;

    LetterDetailPane(Workbench bench, Consumer<DeadLetter> onEdit) {
        super(6);
        this.bench = bench;
        setId("triage-detail");
        getStyleClass().add("triage-detail");
        setPadding(new Insets(8));
        title.getStyleClass().add("detail-title");
        fields.setId("triage-fields");
        fields.setHgap(12);
        fields.setVgap(3);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        fields.getColumnConstraints().setAll(names, values);
        stackTrace.setId("triage-stacktrace");
        stackTrace.setEditable(false);
        stackTrace.setWrapText(false);
        stackTrace.getStyleClass().add("stack-trace");
        VBox.setVgrow(stackTrace, Priority.ALWAYS);
        Label traceTitle = new Label("Stack trace");
        traceTitle.getStyleClass().add("section-title");
        tracePane.getChildren().setAll(traceTitle, stackTrace);
        tracePane.setPadding(new Insets(4, 8, 6, 8));
        openOriginal.setId("open-original");
        openOriginal.setGraphic(Icons.icon(Feather.EXTERNAL_LINK));
        openOriginal.setOnAction(e -> openOriginal());
        openDeadLetter.setId("open-dead-letter");
        openDeadLetter.setGraphic(Icons.icon(Feather.INBOX));
        openDeadLetter.setOnAction(e -> {
            if (row != null) {
                bench.browseAt(row.letter().record().topic(), row.partition(), row.offset());
            }
        });
        edit.setId("edit-send");
        edit.setOnAction(e -> {
            if (row != null) {
                onEdit.accept(row.letter());
            }
        });
        for (javafx.scene.control.Control c : List.of(openOriginal, openDeadLetter, edit)) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        FlowPane links = new FlowPane(6, 4, edit, openOriginal, openDeadLetter);
        links.setAlignment(Pos.CENTER_LEFT);
        ScrollPane scroll = new ScrollPane(fields);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().setAll(title, links, scroll);
        show(null);
    }

    void show(LetterRow selected) {
        row = selected;
        fields.getChildren().clear();
        boolean none = selected == null;
        openOriginal.setDisable(none || selected.letter().originalRecordLink(0).isEmpty());
        openDeadLetter.setDisable(none);
        edit.setDisable(none);
        if (none) {
            title.setText("No dead letter selected");
            stackTrace.clear();
            return;
        }
        DeadLetter l = selected.letter();
        title.setText("Dead letter " + l.record().topic() + " " + selected.coordinates());
        int r = 0;
        for (Map.Entry<String, String> e : fields(selected).entrySet()) {
            Label k = new Label(e.getKey());
            k.getStyleClass().add("text-muted");
            Label v = new Label(e.getValue());
            v.setWrapText(true);
            v.setMinWidth(0);
            v.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            if (e.getKey().contains("xception") || e.getKey().equals("Cause")) {
                v.setTooltip(new javafx.scene.control.Tooltip(e.getValue()));
            }
            if (e.getKey().equals("Message")) {
                v.setId("triage-message");
            }
            fields.addRow(r++, k, v);
        }
        Failure f = l.failure() != null ? l.failure() : l.keyFailure();
        stackTrace.setText(f == null || f.stackTrace() == null ? "(no stack trace in the headers)" : f.stackTrace());
        stackTrace.positionCaret(0);
        stackTrace.setScrollTop(0);
    }

    private Map<String, String> fields(LetterRow selected) {
        DeadLetter l = selected.letter();
        boolean utc = bench.utc().get();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Dead-lettered", Timestamps.format(l.record().timestamp(), utc));
        Origin o = l.origin();
        out.put("Original record", selected.origin());
        if (o != null && o.timestamp() != null) {
            out.put("Original time", Timestamps.format(o.timestamp(), utc) + (o.timestampType() == null ? "" : " (" + o.timestampType() + ")"));
        }
        if (!selected.consumerGroup().isEmpty()) {
            out.put("Consumer group", selected.consumerGroup());
        }
        Failure f = l.failure() != null ? l.failure() : l.keyFailure();
        if (f != null) {
            put(out, f.keyFailure() ? "Key exception" : "Exception", readable(f.exceptionClass()));
            put(out, "Cause", readable(f.causeClass()));
            put(out, "Message", f.message());
        }
        if (l.connect() != null) {
            put(out, "Connector", l.connect().connectorName());
            put(out, "Stage", l.connect().stage());
        }
        if (l.history().size() > 1) {
            out.put("Dead-lettered", l.history().size() + " times (first origin shown)");
        }
        if (l.redriveCount() != null && l.redriveCount() > 0) {
            out.put("Came back", l.redriveCount() + " time(s) after a Backtrack redrive");
        }
        if (!selected.redriveState().isEmpty()) {
            out.put("Redriven", selected.redriveState() + " (" + Timestamps.format(selected.journal().at().toEpochMilli(), utc) + ")");
        }
        if (l.hasProblems()) {
            out.put("Unreadable headers", l.problems().size() + " (shown raw in the browse view)");
        }
        return out;
    }

    /** "ListenerExecutionFailedException (org.springframework.kafka.listener)": the class first, and it can wrap. */
    private static String readable(String fqcn) {
        if (fqcn == null) {
            return null;
        }
        int dot = fqcn.lastIndexOf('.');
        return dot < 0 ? fqcn : fqcn.substring(dot + 1) + " (" + fqcn.substring(0, dot) + ")";
    }

    private static void put(Map<String, String> out, String name, String value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    private void openOriginal() {
        if (row != null) {
            row.letter().originalRecordLink(0).ifPresent(link -> bench.browseAt(link.topic(), link.partition(), link.offset()));
        }
    }

    TextArea stackTraceArea() {
        return stackTrace;
    }

    /** The stack trace with its title, placed by the triage view below the list (full width). */
    VBox stackTracePane() {
        return tracePane;
    }
}
