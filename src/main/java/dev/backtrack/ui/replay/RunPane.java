package dev.backtrack.ui.replay;

import dev.backtrack.ui.common.Icons;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.feather.Feather;

/** Step 5: the running replay: overall and per-partition progress, rate, ETA, pause/resume and cancel. */
final class RunPane {
    private RunPane() {
    }

    static Node build(ReplayWizardViewModel vm) {
        ProgressBar overall = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        overall.setId("replay-progress");
        overall.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(overall, Priority.ALWAYS);
        Label figures = new Label("starting…");
        figures.setId("replay-progress-text");
        figures.setMinWidth(Label.USE_PREF_SIZE);
        HBox top = new HBox(12, overall, figures);
        top.setAlignment(Pos.CENTER_LEFT);

        Button pause = Icons.button(Feather.PAUSE, "Pause", "Pause sending (Resume continues where it stopped)");
        pause.setId("replay-pause");
        pause.setOnAction(e -> {
            if (vm.pausedProperty().get()) {
                vm.resume();
            } else {
                vm.pause();
            }
        });
        vm.pausedProperty().addListener((o, a, paused) -> {
            pause.setText(paused ? "Resume" : "Pause");
            pause.setGraphic(Icons.icon(paused ? Feather.PLAY : Feather.PAUSE));
        });
        Button cancel = Icons.button(Feather.X_CIRCLE, "Cancel", "Stop the replay: records already written stay (exactly-once: the open transaction is aborted)");
        cancel.setId("replay-cancel");
        cancel.setOnAction(e -> vm.cancel());
        pause.disableProperty().bind(vm.runningProperty().not().or(vm.runStatusProperty().isNotNull()));
        cancel.disableProperty().bind(vm.runningProperty().not().or(vm.cancellingProperty()));
        HBox buttons = new HBox(8, pause, cancel);
        // what the job does once nothing moves on the figures: waiting for acknowledgements, verifying, cancelling
        Label status = new Label();
        status.setId("replay-run-status");
        status.textProperty().bind(vm.runStatusProperty());
        status.visibleProperty().bind(vm.runStatusProperty().isNotNull());
        status.managedProperty().bind(status.visibleProperty());
        status.setWrapText(true);

        GridPane partitions = DryRunPane.table("replay-progress-partitions", "Source partition", "Progress", "Sent");
        Map<Integer, ProgressBar> bars = new HashMap<>();
        Map<Integer, Label[]> texts = new HashMap<>();
        vm.progressProperty().addListener((o, a, p) -> {
            if (p == null) {
                return;
            }
            overall.setProgress(p.expected() == null || p.expected() == 0 ? ProgressBar.INDETERMINATE_PROGRESS
                    : Math.min(1.0, (double) p.sent() / p.expected()));
            figures.setText(p.sent() + (p.expected() == null ? "" : " / " + p.expected()) + " records · "
                    + String.format("%,.0f records/s", p.recordsPerSecond()) + (p.eta() == null ? "" : " · ETA " + eta(p.eta()))
                    + (p.paused() ? " · paused" : ""));
            p.perSourcePartition().forEach((partition, pp) -> {
                ProgressBar bar = bars.computeIfAbsent(partition, k -> {
                    ProgressBar b = new ProgressBar(0);
                    b.setId("replay-progress-p" + k);
                    b.setPrefWidth(260);
                    Label sent = new Label();
                    texts.put(k, new Label[] {sent});
                    int row = partitions.getRowCount();
                    partitions.add(new Label(String.valueOf(k)), 0, row);
                    partitions.add(b, 1, row);
                    partitions.add(sent, 2, row);
                    return b;
                });
                bar.setProgress(pp.expected() == null || pp.expected() == 0 ? 1 : Math.min(1.0, (double) pp.sent() / pp.expected()));
                Label[] t = texts.get(partition);
                t[0].setText(pp.sent() + (pp.expected() == null ? "" : " / " + pp.expected()));
            });
        });
        Label error = Forms.error("replay-run-error", vm.runErrorProperty());
        Label note = Forms.muted("Records are read with one consumer and written in source order per partition; "
                + "the target is read back at the end to verify the checksums.");
        return Forms.page(Forms.title("Replaying"), top, buttons, status, partitions, error, note);
    }

    static String eta(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
