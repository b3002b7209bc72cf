package dev.backtrack.ui.replay;

import dev.backtrack.replay.ReplayReport;
import dev.backtrack.ui.common.Icons;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** Step 6: the verification report: counts and checksums per partition, "copy as CLI command", "open target". */
final class ReportPane {
    private ReportPane() {
    }

    static Node build(ReplayWizardViewModel vm, Runnable openTarget) {
        VBox content = new VBox(10);
        content.setId("replay-report");
        Button copy = Icons.button(Feather.CLIPBOARD, "Copy as CLI command", "Copy the equivalent 'backtrack replay' command");
        copy.setId("replay-copy-command");
        Button open = Icons.button(Feather.EXTERNAL_LINK, "Open target", "Browse what was written");
        open.setId("replay-open-target");
        open.setOnAction(e -> openTarget.run());
        TextArea command = new TextArea();
        command.setId("replay-command");
        command.setEditable(false);
        command.setWrapText(true);
        command.setPrefRowCount(3);
        command.getStyleClass().add("replay-command");
        Label commandNotes = Forms.muted("");
        Label copied = new Label();
        copied.getStyleClass().add("text-muted");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(command.getText());
            Clipboard.getSystemClipboard().setContent(c);
            copied.setText("copied");
        });
        Runnable refresh = () -> {
            ReplayReport r = vm.reportProperty().get();
            if (r == null) {
                content.getChildren().clear();
                return;
            }
            ReplayCommandLine.Rendered rendered = vm.command();
            command.setText(rendered.shell());
            commandNotes.setText(String.join("\n", rendered.notes()));
            open.setDisable(vm.targetStart().isEmpty());
            copied.setText("");
            content.getChildren().setAll(sections(r));
        };
        vm.reportProperty().addListener(x -> refresh.run());
        refresh.run();
        HBox actions = new HBox(8, copy, open, copied);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return Forms.page(Forms.title("Report"), content, actions, command, commandNotes);
    }

    /** The report's figures, two lines: counts, time and rate; checksums and ids. */
    static String figures(ReplayReport r) {
        return "read " + r.read() + " · matched " + r.matched() + " · sent " + r.sent() + " · written " + r.written()
                + (r.landedWithoutAcknowledgement() == null || r.landedWithoutAcknowledgement() == 0 ? ""
                        : " (" + r.landedWithoutAcknowledgement() + " without an acknowledgement in time)")
                + " · failed " + r.failed() + (r.duplicates() == null || r.duplicates() == 0 ? "" : " · resent copies on the target " + r.duplicates())
                + " · " + r.durationMs() + " ms · " + String.format("%,.0f records/s", r.recordsPerSecond())
                + "\nchecksum as sent " + r.expectedChecksum() + (r.verifiedChecksum() == null ? "" : " · read back " + r.verifiedChecksum())
                + " · replay id " + r.replayId() + (r.targetCreated() ? " · target topic created" : "");
    }

    private static List<Node> sections(ReplayReport r) {
        boolean ok = Boolean.TRUE.equals(r.verified()) && r.failed() == 0 && ReplayReport.COMPLETED.equals(r.status());
        String headline = switch (r.status()) {
            case ReplayReport.CANCELLED -> "Cancelled: " + r.written() + " of " + r.matched() + " records were written to " + r.targetTopic();
            default -> (ok ? "✓ Verified: " : "✗ Not verified: ") + r.written() + " records written to " + r.targetTopic()
                    + (r.failed() > 0 ? ", " + r.failed() + " failed" : "")
                    + (Boolean.TRUE.equals(r.verified()) ? ", checksums match" : Boolean.FALSE.equals(r.verified()) ? ", checksums differ" : "");
        };
        Label title = new Label(headline);
        title.setId("replay-report-headline");
        title.setWrapText(true);
        title.getStyleClass().addAll("replay-headline", ok ? "replay-ok" : "replay-bad");
        Label figures = Forms.muted(figures(r));
        figures.setId("replay-report-figures");

        var targets = DryRunPane.table("replay-report-targets", "Target partition", "Written", "Offsets", "Checksum (sent)",
                "Read back", "Checksum (read back)", "Match");
        for (ReplayReport.TargetPartitionReport t : r.targets()) {
            DryRunPane.cells(targets, String.valueOf(t.partition()), String.valueOf(t.written()),
                    t.firstOffset() == null ? "" : t.firstOffset() + " – " + t.lastOffset(), t.checksum(),
                    t.verifiedCount() == null ? "" : String.valueOf(t.verifiedCount()), t.verifiedChecksum() == null ? "" : t.verifiedChecksum(),
                    t.match() == null ? "–" : t.match() ? "✓" : "✗");
            Node match = targets.getChildren().getLast();
            match.getStyleClass().add(Boolean.FALSE.equals(t.match()) ? "replay-bad" : "replay-ok");
        }
        var sources = DryRunPane.table("replay-report-sources", "Source partition", "Range", "Read", "Matched", "Written", "Skipped");
        for (ReplayReport.SourcePartition s : r.sources()) {
            DryRunPane.cells(sources, String.valueOf(s.partition()), s.from() == null ? "" : "[" + s.from() + ", " + s.to() + ")",
                    String.valueOf(s.read()), String.valueOf(s.matched()), String.valueOf(s.written()), String.valueOf(s.read() - s.written()));
        }
        List<Node> out = new java.util.ArrayList<>(List.of(title, figures, targets, sources));
        for (String w : r.warnings()) {
            Label l = new Label(w, Icons.icon(Feather.ALERT_TRIANGLE));
            l.getStyleClass().addAll("replay-message", "replay-warning-line");
            l.setWrapText(true);
            out.add(l);
        }
        r.failures().stream().limit(5).forEach(f -> {
            Label l = new Label(f.topic() + "/" + f.partition() + ": " + f.message(), Icons.icon(Feather.X_OCTAGON));
            l.getStyleClass().addAll("replay-message", "replay-error-line");
            l.setWrapText(true);
            out.add(l);
        });
        return out;
    }
}
