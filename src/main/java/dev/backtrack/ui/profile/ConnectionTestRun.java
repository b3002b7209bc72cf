package dev.backtrack.ui.profile;

import dev.backtrack.profile.ConnectionTestReport;
import dev.backtrack.profile.ConnectionTestStep;
import dev.backtrack.profile.StepStatus;
import dev.backtrack.ui.browse.BrowseViewModel;
import dev.backtrack.ui.common.UiExecutor;
import java.time.Duration;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Test connection" state of the editor: runs one engine connection test in the background, shows its
 * steps when it ends, and can be cancelled (the result of a cancelled run is dropped; its worker is
 * interrupted, and the engine bounds every step in time anyway).
 */
public final class ConnectionTestRun {
    /** How a run ended, for the status line's colour. */
    public enum Outcome { NONE, RUNNING, PASSED, FAILED, CANCELLED }

    public final ObservableList<ConnectionTestStep> steps = FXCollections.observableArrayList();
    public final BooleanProperty running = new SimpleBooleanProperty();
    public final StringProperty status = new SimpleStringProperty("");
    public final ObjectProperty<Outcome> outcome = new SimpleObjectProperty<>(Outcome.NONE);

    private final UiExecutor ui;
    private long generation;
    private volatile Thread worker;

    public ConnectionTestRun(UiExecutor ui) {
        this.ui = ui;
    }

    /** Starts a test (call on the FX thread); {@code test} runs in the background and may throw one sentence. */
    public void start(Supplier<ConnectionTestReport> test) {
        long mine = ++generation;
        steps.clear();
        running.set(true);
        outcome.set(Outcome.RUNNING);
        status.set("Testing: DNS/TCP, TLS, authentication, describe cluster, registry…");
        long started = System.nanoTime();
        ui.background(() -> {
            worker = Thread.currentThread();
            ConnectionTestReport report;
            try {
                report = test.get();
            } catch (RuntimeException e) {
                ui.onFx(() -> finish(mine, null, "Cannot test: " + BrowseViewModel.message(e)));
                return;
            } finally {
                worker = null;
                Thread.interrupted();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            ui.onFx(() -> finish(mine, report, null, took));
        });
    }

    private void finish(long run, ConnectionTestReport report, String error) {
        finish(run, report, error, Duration.ZERO);
    }

    private void finish(long run, ConnectionTestReport report, String error, Duration took) {
        if (run != generation) {
            return;
        }
        running.set(false);
        if (report == null) {
            outcome.set(Outcome.FAILED);
            status.set(error);
            return;
        }
        steps.setAll(report.steps());
        if (report.succeeded()) {
            outcome.set(Outcome.PASSED);
            status.set("Connection works (" + seconds(took) + ")");
        } else {
            // a headline naming every failed step: each sentence is shown once, in red in its row below
            String failed = report.steps().stream().filter(s -> s.status() == StepStatus.FAILED)
                    .map(ConnectionTestStep::name).collect(java.util.stream.Collectors.joining(", "));
            outcome.set(Outcome.FAILED);
            status.set("Failed at " + failed + " (" + seconds(took) + ")");
        }
    }

    /** Stops waiting for the running test; its steps are not shown. */
    public void cancel() {
        if (!running.get()) {
            return;
        }
        generation++;
        Thread busy = worker;
        if (busy != null) {
            busy.interrupt();
        }
        running.set(false);
        outcome.set(Outcome.CANCELLED);
        status.set("Cancelled");
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
