package dev.backtrack.ui.redrive;

import dev.backtrack.redrive.RedriveReport;
import dev.backtrack.replay.SendProgress;
import dev.backtrack.ui.common.Icons;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The send-back panel above the triage's send bar: the confirmation (count, targets, skips, prod guard state),
 * the running send (progress, count and rate, cancel) and the report (counts, checksum, every skip and failure
 * with its reason, or the guard's refusal). Hidden while idle.
 */
final class SendBackPanel extends VBox {
    private final SendBackViewModel vm;
    private final Label headline = new Label();
    private final Label details = new Label();
    private final Label guard = new Label();
    private final Label error = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final ListView<String> problems = new ListView<>();
    private final Button confirm = Icons.button(Feather.SEND, "Send", null);
    private final Button cancel = Icons.button(Feather.X, "Cancel", null);
    private final Button close = Icons.button(Feather.CHECK, "Close", null);
    private final Button forReal = Icons.button(Feather.SEND, "Send for real", "Send what the dry run previewed");
    private final VBox options = new VBox(6);

    SendBackPanel(SendBackViewModel vm) {
        super(6);
        this.vm = vm;
        setId("send-panel");
        getStyleClass().add("send-panel");
        setPadding(new Insets(10, 12, 10, 12));
        headline.setId("send-headline");
        headline.getStyleClass().add("send-headline");
        headline.setWrapText(true);
        details.setId("send-details");
        details.setWrapText(true);
        guard.setId("send-guard");
        guard.setWrapText(true);
        error.setId("send-error");
        error.getStyleClass().add("send-refused");
        error.setWrapText(true);
        progress.setId("send-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        problems.setId("send-problems");
        problems.setPrefHeight(110);
        confirm.setId("send-confirm");
        confirm.setDefaultButton(true);
        confirm.setOnAction(e -> vm.start());
        cancel.setId("send-cancel");
        cancel.setOnAction(e -> vm.cancel());
        close.setId("send-close");
        close.setOnAction(e -> vm.dismiss());
        forReal.setId("send-for-real");
        forReal.getStyleClass().add("accent");
        forReal.setOnAction(e -> vm.sendForReal());
        options.getChildren().setAll(optionRow(), editRow());
        vm.phaseProperty().addListener((o, a, b) -> render());
        vm.progressProperty().addListener((o, a, p) -> showProgress(p));
        vm.jobStepProperty().addListener((o, a, step) -> showProgress(vm.progressProperty().get()));
        vm.errorProperty().addListener((o, a, b) -> {
            if (vm.phaseProperty().get() == SendBackViewModel.Phase.CONFIRM) {
                render();
            }
        });
        render();
    }

    private void render() {
        SendPlan plan = vm.planProperty().get();
        getStyleClass().removeAll("send-protected");
        switch (vm.phaseProperty().get()) {
            case IDLE -> {
                setVisible(false);
                setManaged(false);
                return;
            }
            case CONFIRM -> {
                headline.setText("Send " + (plan.approximate() ? "about " : "") + plan.count() + " dead letter"
                        + (plan.count() == 1 ? "" : "s") + " back to " + plan.targetText() + "?");
                details.setText(plan.selection().description().substring(0, 1).toUpperCase() + plan.selection().description().substring(1)
                        + ". " + (plan.alreadyRedriven() > 0 ? plan.alreadyRedriven() + " of them were already redriven (journal) and are skipped"
                        + " unless sent again on purpose. " : "") + "Each record gets backtrack.redrive.* provenance headers.");
                guard.setText(plan.guard().describe());
                guard.getStyleClass().setAll("label", plan.guard().refuses() ? "send-refused" : plan.guard().writeProtected() ? "send-warning" : "text-muted");
                if (plan.guard().writeProtected()) {
                    getStyleClass().add("send-protected");
                }
                confirm.getStyleClass().removeAll("danger", "accent");
                confirm.getStyleClass().add(plan.guard().writeProtected() ? "danger" : "accent");
                error.setText(vm.errorProperty().get());
                if (vm.errorProperty().get() == null) {
                    show(headline, details, options, guard, buttons(confirm, cancel));
                } else {
                    show(headline, details, options, error, guard, buttons(confirm, cancel));
                }
            }
            case RUNNING -> {
                headline.setText("Sending " + plan.count() + " dead letters back to " + plan.targetText() + "…");
                showProgress(vm.progressProperty().get());
                show(headline, progress, details, buttons(cancel));
            }
            case DONE -> {
                RedriveReport r = vm.reportProperty().get();
                if (r == null) {
                    headline.setText(vm.refusedProperty().get() ? "Refused by the prod guard: nothing was sent" : "The send failed");
                    error.setText(vm.errorProperty().get());
                    show(headline, error, buttons(close));
                } else {
                    headline.setText(SendBackViewModel.summary(r));
                    details.setText("Checksum " + (r.checksum() == null ? "(nothing sent)" : r.checksum()) + " · "
                            + r.durationMillis() + " ms · journal " + r.journal());
                    problems.getItems().setAll(r.previews().stream().map(pv -> pv.partition() + "@" + pv.offset() + " → " + pv.targetTopic()
                            + (pv.targetPartition() == null ? "" : "/" + pv.targetPartition()) + ": "
                            + (pv.changes().isEmpty() ? "unchanged" : pv.changes().stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", "))))
                            .toList());
                    r.problems().forEach(i -> problems.getItems().add(i.partition() + "@" + i.offset() + "  " + i.outcome() + ": " + i.reason()));
                    if (r.problemsNotListed() > 0) {
                        problems.getItems().add("… and " + r.problemsNotListed() + " more");
                    }
                    HBox done = r.dryRun() && r.sent() > 0 ? buttons(forReal, close) : buttons(close);
                    if (problems.getItems().isEmpty()) {
                        HBox row = done;
                        row.getChildren().addFirst(details);
                        HBox.setHgrow(details, Priority.SOMETIMES);
                        show(headline, row);
                    } else {
                        show(headline, details, problems, done);
                    }
                }
            }
        }
        setVisible(true);
        setManaged(true);
    }

    private HBox optionRow() {
        HBox row = new HBox(14, check("Original partition", "send-opt-partition", vm.originalPartitionProperty(),
                        "Send to the partition it came from (checked against the target's partitions) instead of by key"),
                check("Original timestamps", "send-opt-timestamps", vm.keepTimestampsProperty(),
                        "Keep the original CreateTime instead of now (checked against the broker's limits)"),
                check("Keep dead-letter headers", "send-opt-keep-headers", vm.keepDeadLetterHeadersProperty(),
                        "Keep kafka_dlt-*, __connect.errors.* and the other error headers"),
                check("Send again if already redriven", "send-opt-force", vm.forceResendProperty(),
                        "Ignore the journal: dead letters redriven before are sent once more"),
                check("Dry run", "send-opt-dry-run", vm.dryRunProperty(), "Prepare and preview the edits, send nothing"));
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private HBox editRow() {
        Label label = new Label("Set fields");
        label.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.control.TextField fields = new javafx.scene.control.TextField();
        fields.setId("send-opt-set");
        fields.setPromptText("optional edit of every value, e.g.  status=\"RETRY\"; shippingAddress.postalCode=\"10115\"");
        fields.textProperty().bindBidirectional(vm.setFieldsProperty());
        HBox.setHgrow(fields, Priority.ALWAYS);
        HBox row = new HBox(8, label, fields);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static javafx.scene.control.CheckBox check(String text, String id, javafx.beans.property.BooleanProperty property, String tip) {
        javafx.scene.control.CheckBox box = new javafx.scene.control.CheckBox(text);
        box.setId(id);
        box.setMinWidth(Region.USE_PREF_SIZE);
        box.selectedProperty().bindBidirectional(property);
        box.setTooltip(new javafx.scene.control.Tooltip(tip));
        return box;
    }

    private void showProgress(SendProgress p) {
        SendPlan plan = vm.planProperty().get();
        if (vm.phaseProperty().get() != SendBackViewModel.Phase.RUNNING || plan == null) {
            return;
        }
        progress.setProgress(p == null || plan.count() == 0 ? -1 : Math.min(1.0, (double) p.sent() / plan.count()));
        details.setText(SendBackViewModel.progressText(p, plan, vm.jobStepProperty().get()));
    }

    private void show(javafx.scene.Node... nodes) {
        getChildren().setAll(nodes);
    }

    private static HBox buttons(Button... buttons) {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(8);
        row.getChildren().add(spacer);
        for (Button b : buttons) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        row.getChildren().addAll(buttons);
        row.setAlignment(Pos.CENTER_RIGHT);
        return row;
    }
}
