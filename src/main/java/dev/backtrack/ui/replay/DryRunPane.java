package dev.backtrack.ui.replay;

import dev.backtrack.replay.ReplayReport;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** Step 4: what the dry run found: errors (red, they stop the run), warnings (amber), notes, counts per partition. */
final class DryRunPane {
    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    private DryRunPane() {
    }

    static Node build(ReplayWizardViewModel vm) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        javafx.scene.control.Button cancel = dev.backtrack.ui.common.Icons.button(Feather.X_CIRCLE, "Cancel", "Stop the dry run");
        cancel.setId("replay-dry-cancel");
        cancel.setOnAction(e -> vm.cancel());
        HBox busy = new HBox(8, spinner, Forms.muted("Reading and mapping the range; nothing is sent…"), cancel);
        busy.setAlignment(Pos.CENTER_LEFT);
        busy.visibleProperty().bind(vm.busyProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        VBox messages = new VBox(6);
        messages.setId("replay-dry-messages");
        VBox summary = new VBox(10);
        summary.setId("replay-dry-summary");
        Runnable refresh = () -> {
            messages.getChildren().clear();
            add(messages, vm.errors(), "replay-error-line", Feather.X_OCTAGON);
            add(messages, vm.warnings(), "replay-warning-line", Feather.ALERT_TRIANGLE);
            add(messages, vm.notes(), "replay-note-line", Feather.INFO);
            summary.getChildren().setAll(summary(vm.previewProperty().get()));
        };
        ListChangeListener<String> onChange = c -> refresh.run();
        vm.errors().addListener(onChange);
        vm.warnings().addListener(onChange);
        vm.notes().addListener(onChange);
        vm.previewProperty().addListener(x -> refresh.run());
        refresh.run();
        return Forms.page(Forms.title("Dry run"), busy, messages, summary);
    }

    private static void add(VBox box, ObservableList<String> lines, String style, Feather icon) {
        for (String line : lines) {
            Label l = new Label(line, dev.backtrack.ui.common.Icons.icon(icon));
            l.getStyleClass().addAll("replay-message", style);
            l.setWrapText(true);
            l.setMaxWidth(Double.MAX_VALUE);
            box.getChildren().add(l);
        }
    }

    private static List<Node> summary(ReplayReport r) {
        if (r == null) {
            return List.of();
        }
        Label headline = new Label(r.matched() + " of " + r.read() + " records in the range would be replayed into "
                + r.targetTopic() + (r.targetCluster() == null ? "" : " on " + r.targetCluster()));
        headline.setId("replay-dry-headline");
        headline.getStyleClass().add("replay-headline");
        headline.setWrapText(true);
        GridPane sources = table("replay-dry-sources", "Source partition", "Range", "Read", "To replay", "First: offset → target, time (UTC)", "Last: offset → target, time (UTC)");
        Map<Integer, ReplayReport.RecordPreview> first = r.preview() == null ? Map.of() : r.preview().first();
        Map<Integer, ReplayReport.RecordPreview> last = r.preview() == null ? Map.of() : r.preview().last();
        for (ReplayReport.SourcePartition s : r.sources()) {
            cells(sources, String.valueOf(s.partition()), s.from() == null ? "" : "[" + s.from() + ", " + s.to() + ")",
                    String.valueOf(s.read()), String.valueOf(s.matched()), describe(first.get(s.partition())), describe(last.get(s.partition())));
        }
        List<Node> out = new java.util.ArrayList<>(List.of(headline, sources));
        if (r.preview() != null && !r.preview().perTargetPartition().isEmpty()) {
            GridPane targets = table("replay-dry-targets", "Target partition", "Records");
            r.preview().perTargetPartition().forEach((p, n) -> cells(targets, String.valueOf(p), String.valueOf(n)));
            out.add(targets);
        }
        if (r.preview() != null && (!r.preview().headersDropped().isEmpty() || !r.preview().headersAdded().isEmpty())) {
            Label headers = new Label("Headers dropped: " + counts(r.preview().headersDropped()) + "\nHeaders added: "
                    + counts(r.preview().headersAdded()));
            headers.setId("replay-dry-headers");
            headers.setWrapText(true);
            out.add(headers);
        }
        if (r.plan().get("compression") instanceof String compression) {
            Label batches = new Label("Batches sent: " + compression);
            batches.setId("replay-dry-compression");
            batches.setWrapText(true);
            out.add(batches);
        }
        return out;
    }

    private static String counts(Map<String, Long> m) {
        return m.isEmpty() ? "none" : String.join(", ", m.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).toList());
    }

    private static String describe(ReplayReport.RecordPreview p) {
        if (p == null) {
            return "";
        }
        return p.source().replaceFirst("^.*@", "") + " → p" + p.targetPartition() + "  "
                + TIME.format(java.time.Instant.ofEpochMilli(p.targetTimestamp()));
    }

    /** A small table: a header row and right-aligned numbers. */
    static GridPane table(String id, String... headers) {
        GridPane g = new GridPane();
        g.setId(id);
        g.setHgap(18);
        g.setVgap(4);
        g.getStyleClass().add("replay-table");
        for (int i = 0; i < headers.length; i++) {
            Label h = new Label(headers[i]);
            h.getStyleClass().add("replay-table-header");
            h.setMinWidth(Label.USE_PREF_SIZE);
            g.add(h, i, 0);
        }
        return g;
    }

    static void cells(GridPane g, String... values) {
        int row = g.getRowCount();
        for (int i = 0; i < values.length; i++) {
            Label l = new Label(values[i]);
            l.getStyleClass().add("replay-cell");
            l.setMinWidth(Label.USE_PREF_SIZE);
            g.add(l, i, row);
        }
    }
}
