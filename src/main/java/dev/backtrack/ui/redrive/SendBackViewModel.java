package dev.backtrack.ui.redrive;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.WriteRefusedException;
import dev.backtrack.redrive.RedriveOptions;
import dev.backtrack.redrive.RedriveReport;
import dev.backtrack.redrive.RedriveRunner;
import dev.backtrack.redrive.RegistryPayloadCodec;
import dev.backtrack.redrive.ValueEdit;
import dev.backtrack.replay.JobStep;
import dev.backtrack.replay.SendListener;
import dev.backtrack.replay.SendProgress;
import dev.backtrack.ui.common.UiExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Send back…" of a triage selection: confirm (count, targets, prod guard), run the engine's
 * {@link RedriveRunner} in the background (progress with count and rate, cancel), then the report (sent,
 * landed, skipped as already redriven, failed with reasons, checksum). A refusal by the prod guard ends the
 * run with {@link #refusedProperty()} set and the guard's sentence as the error.
 */
public final class SendBackViewModel implements AutoCloseable {
    /** Where the send-back panel is. */
    public enum Phase { IDLE, CONFIRM, RUNNING, DONE }

    private final RedriveRunner runner;
    private final UiExecutor ui;
    private final Runnable onFinished;
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(Phase.IDLE);
    private final ObjectProperty<SendPlan> plan = new SimpleObjectProperty<>();
    private final ObjectProperty<SendProgress> progress = new SimpleObjectProperty<>();
    private final ObjectProperty<JobStep> jobStep = new SimpleObjectProperty<>();
    private final ObjectProperty<RedriveReport> report = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty();
    private final BooleanProperty refused = new SimpleBooleanProperty();
    private final BooleanProperty originalPartition = new SimpleBooleanProperty();
    private final BooleanProperty keepTimestamps = new SimpleBooleanProperty();
    private final BooleanProperty keepDeadLetterHeaders = new SimpleBooleanProperty();
    private final BooleanProperty forceResend = new SimpleBooleanProperty();
    private final BooleanProperty dryRun = new SimpleBooleanProperty();
    private final StringProperty setFields = new SimpleStringProperty("");
    private Cancellation cancellation;

    /** {@code onFinished} runs on the FX thread after every run (e.g. to refresh the journal marks). */
    public SendBackViewModel(KafkaClients clients, UiExecutor ui, Path dataDir, Runnable onFinished) {
        this.runner = new RedriveRunner(clients, RegistryPayloadCodec.of(clients.settings().registry()), dataDir);
        this.ui = ui;
        this.onFinished = onFinished;
    }

    /** Shows the confirmation for this plan. */
    public void confirm(SendPlan p) {
        if (phase.get() == Phase.RUNNING) {
            return;
        }
        plan.set(p);
        progress.set(null);
        report.set(null);
        error.set(null);
        refused.set(false);
        phase.set(Phase.CONFIRM);
    }

    /**
     * The redrive options of the plan with the choices of the confirmation: partition, timestamps, header policy,
     * resend, dry run, and a set-fields edit ({@code PATH=JSON}, several separated by ';') applied to every value.
     */
    public RedriveOptions options(SendPlan p) {
        RedriveOptions o = p.options()
                .withPartitioning(originalPartition.get() ? RedriveOptions.Partitioning.ORIGINAL : RedriveOptions.Partitioning.KEY)
                .withTimestamps(keepTimestamps.get() ? RedriveOptions.Timestamps.KEEP : RedriveOptions.Timestamps.NOW)
                .withKeepDeadLetterHeaders(keepDeadLetterHeaders.get()).withForceResend(forceResend.get()).withDryRun(dryRun.get());
        List<String> specs = assignments(setFields.get());
        return specs.isEmpty() ? o : o.withEdit(new ValueEdit.SetFields(specs.stream().map(ValueEdit.Assignment::parse).toList()));
    }

    /** Splits {@code a=1; b="x;y"} at the semicolons outside JSON strings. */
    static List<String> assignments(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (ch == ';' && !quoted) {
                out.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        out.add(current.toString().strip());
        out.removeIf(String::isEmpty);
        return out;
    }

    /** Sends the confirmed plan; a set-fields edit that does not parse keeps the confirmation open with the reason. */
    public void start() {
        SendPlan p = plan.get();
        if (p == null || phase.get() != Phase.CONFIRM) {
            return;
        }
        RedriveOptions options;
        try {
            options = options(p);
        } catch (BacktrackException e) {
            error.set(e.getMessage());
            return;
        }
        error.set(null);
        Cancellation c = new Cancellation();
        cancellation = c;
        phase.set(Phase.RUNNING);
        jobStep.set(null);
        SendListener listener = SendListener.of(sp -> ui.onFx(() -> progress.set(sp)), step -> ui.onFx(() -> jobStep.set(step)));
        ui.supply(() -> runner.run(p.selection(), options, listener, c), r -> {
            report.set(r);
            phase.set(Phase.DONE);
            onFinished.run();
        }, e -> {
            refused.set(e instanceof WriteRefusedException);
            error.set(e.getMessage() == null ? e.toString() : e.getMessage());
            phase.set(Phase.DONE);
            onFinished.run();
        });
    }

    /** Cancels a running send (what was sent stays sent and journaled), or leaves the confirmation. */
    public void cancel() {
        if (phase.get() == Phase.RUNNING && cancellation != null) {
            cancellation.cancel();
        } else if (phase.get() == Phase.CONFIRM) {
            phase.set(Phase.IDLE);
        }
    }

    /** After a dry run: the same plan for real. */
    public void sendForReal() {
        if (phase.get() == Phase.DONE && plan.get() != null) {
            dryRun.set(false);
            phase.set(Phase.CONFIRM);
            start();
        }
    }

    /** Closes the report. */
    public void dismiss() {
        if (phase.get() != Phase.RUNNING) {
            phase.set(Phase.IDLE);
        }
    }

    /**
     * One line for the running send: "Sent 1 200 · 3 400 records/s", and what it does once everything is sent
     * ({@code step}, null while sending).
     */
    public static String progressText(SendProgress p, SendPlan plan, JobStep step) {
        if (p == null) {
            return "Reading the selected dead letters…";
        }
        return "Sent " + p.sent() + (plan == null ? "" : " of " + plan.count()) + " · acknowledged " + p.acknowledged()
                + (p.failed() > 0 ? " · failed " + p.failed() : "") + " · " + Math.round(p.recordsPerSecond()) + " records/s"
                + (step == null ? "" : " · " + step.description() + "…");
    }

    /** The report's counts in one line. */
    public static String summary(RedriveReport r) {
        if (r.dryRun()) {
            return "Dry run: would send " + r.sent() + ", skip " + (r.skippedAlreadySent() + r.skippedOverMax())
                    + ", fail " + r.failed() + " (of " + r.selected() + " selected); nothing was sent";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(r.cancelled() ? "Cancelled: " : "Done: ").append("sent ").append(r.sent()).append(", landed ").append(r.landed())
                .append(", skipped ").append(r.skippedAlreadySent()).append(" already redriven");
        if (r.skippedOverMax() > 0) {
            sb.append(", skipped ").append(r.skippedOverMax()).append(" at the redrive limit");
        }
        sb.append(", failed ").append(r.failed()).append(" (of ").append(r.selected()).append(" selected, ")
                .append(Math.round(r.recordsPerSecond())).append(" records/s)");
        return sb.toString();
    }

    public ObjectProperty<Phase> phaseProperty() {
        return phase;
    }

    public ObjectProperty<SendPlan> planProperty() {
        return plan;
    }

    public ObjectProperty<SendProgress> progressProperty() {
        return progress;
    }

    /** What the running send does once everything is sent (see {@link JobStep}); null while sending. */
    public ReadOnlyObjectProperty<JobStep> jobStepProperty() {
        return jobStep;
    }

    public ObjectProperty<RedriveReport> reportProperty() {
        return report;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty refusedProperty() {
        return refused;
    }

    public BooleanProperty originalPartitionProperty() {
        return originalPartition;
    }

    public BooleanProperty keepTimestampsProperty() {
        return keepTimestamps;
    }

    public BooleanProperty keepDeadLetterHeadersProperty() {
        return keepDeadLetterHeaders;
    }

    public BooleanProperty forceResendProperty() {
        return forceResend;
    }

    public BooleanProperty dryRunProperty() {
        return dryRun;
    }

    public StringProperty setFieldsProperty() {
        return setFields;
    }

    @Override
    public void close() {
        if (cancellation != null) {
            cancellation.cancel();
        }
    }
}
