package dev.backtrack.ui.replay;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.replay.JobStep;
import dev.backtrack.replay.ReplayPlan;
import dev.backtrack.replay.ReplayReport;
import dev.backtrack.replay.ReplayRunner;
import dev.backtrack.replay.SendListener;
import dev.backtrack.replay.SendProgress;
import dev.backtrack.ui.common.UiExecutor;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The wizard's running replay (its run step): progress, pause and resume, cancel, what the job does once the records
 * are sent ({@link #statusProperty()}), and at the end its report or error. The engine's calls arrive on the job's
 * thread and reach the properties through {@link UiExecutor#onFx}.
 */
final class ReplayRun {
    private final UiExecutor ui;
    private final ReadOnlyObjectWrapper<SendProgress> progress = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper cancelling = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<ReplayReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private JobStep jobStep;
    private volatile ReplayRunner runner;
    private volatile Cancellation cancellation = new Cancellation();
    private volatile boolean wantPaused;

    ReplayRun(UiExecutor ui) {
        this.ui = ui;
    }

    /**
     * Starts {@code plan}: {@code onStarted} runs once {@link #runningProperty()} is true, before the job starts;
     * {@code onReport} once its report is in {@link #reportProperty()}; {@code describe} words a failure.
     */
    void start(ReplayPlan plan, WriteGuard guard, Runnable onStarted, Runnable onReport, Function<Throwable, String> describe) {
        Cancellation cancel = new Cancellation();
        cancellation = cancel;
        wantPaused = false;
        jobStep = null;
        paused.set(false);
        cancelling.set(false);
        status.set(null);
        progress.set(null);
        report.set(null);
        error.set(null);
        running.set(true);
        onStarted.run();
        ReplayRunner r = new ReplayRunner(guard, SendListener.of(this::progressed, step -> ui.onFx(() -> {
            jobStep = step;
            updateStatus();
        })));
        runner = r;
        ui.supply(() -> r.run(plan, cancel), done -> {
            ended();
            report.set(done);
            onReport.run();
        }, failure -> {
            ended();
            error.set(describe.apply(failure));
        });
    }

    private void progressed(SendProgress p) {
        ReplayRunner r = runner;
        if (r != null && wantPaused && !p.paused()) {
            // a pause asked for before the sender existed
            r.pause();
        }
        ui.onFx(() -> progress.set(p));
    }

    private void ended() {
        running.set(false);
        cancelling.set(false);
        status.set(null);
        runner = null;
    }

    void pause() {
        wantPaused = true;
        paused.set(true);
        ReplayRunner r = runner;
        if (r != null) {
            r.pause();
        }
    }

    void resume() {
        wantPaused = false;
        paused.set(false);
        ReplayRunner r = runner;
        if (r != null) {
            r.resume();
        }
    }

    /** Cancels the replay: an idempotent one keeps what was written, an exactly-once one aborts its transaction. */
    void cancel() {
        // said first: the steps the job then reaches are shown as part of the cancelling
        if (running.get()) {
            cancelling.set(true);
            updateStatus();
        }
        cancellation.cancel();
        ReplayRunner r = runner;
        if (r != null) {
            r.resume();
        }
    }

    private void updateStatus() {
        if (!running.get()) {
            return;
        }
        String doing = jobStep == null ? null : jobStep.description() + "…";
        if (cancelling.get()) {
            status.set("Cancelling: " + (doing != null ? doing : "no further record is sent…"));
        } else {
            status.set(doing == null ? null : Character.toUpperCase(doing.charAt(0)) + doing.substring(1));
        }
    }

    ReadOnlyObjectProperty<SendProgress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty cancellingProperty() {
        return cancelling.getReadOnlyProperty();
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ReplayReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
