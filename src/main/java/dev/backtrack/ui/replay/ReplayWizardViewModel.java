package dev.backtrack.ui.replay;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.Page;
import dev.backtrack.kafka.WriteAction;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.replay.ReplayPlan;
import dev.backtrack.replay.ReplayReport;
import dev.backtrack.replay.ReplayRunner;
import dev.backtrack.replay.ReplayTarget;
import dev.backtrack.replay.SendListener;
import dev.backtrack.replay.SendProgress;
import dev.backtrack.ui.common.UiExecutor;
import dev.backtrack.ui.connection.BrowseSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The replay wizard's state and its engine calls: source → target → options → dry run → run → report. Holds
 * one view-model per input step ({@link SourceStep}, {@link TargetStep}, {@link OptionsStep}); the dry run
 * splits what stops a run (mapping problems, a refused write to a protected target, an unreachable target)
 * from warnings; the run reports progress, pauses, resumes and cancels; the report is the engine's
 * verification report. All engine work goes through {@link UiExecutor}, so a test drives it with
 * {@link UiExecutor#direct()}.
 */
public final class ReplayWizardViewModel implements AutoCloseable {
    private static final int HEADER_SAMPLE = 500;

    /** The wizard's steps, in order. */
    public enum Step {
        SOURCE("Source"), TARGET("Target"), OPTIONS("Mapping & options"), DRY_RUN("Dry run"), RUN("Run"), REPORT("Report");

        private final String title;

        Step(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final ReplayEnvironment env;
    private final UiExecutor ui;
    private final BrowseSelection selection;
    private final SourceStep source;
    private final TargetStep target;
    private final OptionsStep options = new OptionsStep();
    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.SOURCE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<ReplayReport> preview = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> errors = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final StringBinding stepError;
    private final ReplayRun run;
    private volatile Cancellation cancellation = new Cancellation();
    private ReplayPlan ranPlan;
    private long sampleGeneration;

    public ReplayWizardViewModel(ReplayEnvironment env, UiExecutor ui, BrowseSelection selection) {
        if (!selection.hasTopic()) {
            throw new BacktrackException("open a topic to replay from it");
        }
        this.env = env;
        this.ui = ui;
        this.selection = selection;
        this.source = new SourceStep(selection);
        this.target = new TargetStep(env, ui, selection.topic(), source.partitionCount());
        this.run = new ReplayRun(ui);
        stepError = Bindings.createStringBinding(() -> switch (step.get()) {
            case SOURCE -> source.error();
            case TARGET -> target.error();
            case OPTIONS -> options.error();
            case DRY_RUN -> busy.get() ? "the dry run is reading the range" : errors.isEmpty() ? null : errors.getFirst();
            case RUN, REPORT -> null;
        }, step, busy, errors, source.errorProperty(), target.errorProperty(), options.errorProperty());
    }

    /** Loads the target's topics and samples the headers of the range. */
    public void start() {
        target.load();
        sampleHeaders();
    }

    public SourceStep source() {
        return source;
    }

    public TargetStep target() {
        return target;
    }

    public OptionsStep options() {
        return options;
    }

    public ObjectProperty<Step> stepProperty() {
        return step;
    }

    /** Why Next is not possible on this step, or null. */
    public StringBinding stepErrorProperty() {
        return stepError;
    }

    public boolean canNext() {
        return switch (step.get()) {
            case SOURCE, TARGET, OPTIONS -> stepError.get() == null;
            case DRY_RUN -> canRun();
            case RUN, REPORT -> false;
        };
    }

    public boolean canBack() {
        return step.get() != Step.SOURCE && !run.runningProperty().get() && !busy.get();
    }

    /** Next step; leaving the options runs the dry run, leaving the dry run starts the replay. */
    public void next() {
        if (!canNext()) {
            return;
        }
        switch (step.get()) {
            case SOURCE -> step.set(Step.TARGET);
            case TARGET -> {
                step.set(Step.OPTIONS);
                sampleHeaders();
            }
            case OPTIONS -> {
                step.set(Step.DRY_RUN);
                dryRun();
            }
            case DRY_RUN -> run();
            default -> { }
        }
    }

    public void back() {
        if (!canBack()) {
            return;
        }
        step.set(switch (step.get()) {
            case TARGET -> Step.SOURCE;
            case OPTIONS -> Step.TARGET;
            case DRY_RUN, RUN, REPORT -> Step.OPTIONS;
            case SOURCE -> Step.SOURCE;
        });
    }

    /** The plan of the current inputs (new replay id each time); throws {@link BacktrackException} on bad input. */
    public ReplayPlan plan() {
        ReplayTarget t = target.build();
        return options.apply(ReplayPlan.of(source.build(env.settings()), t).withFilter(source.filterProperty().get())).withVerify(true);
    }

    private void sampleHeaders() {
        long mine = ++sampleGeneration;
        options.sampling();
        if (source.rangeKindProperty().get() == SourceStep.RangeKind.PAGE && !selection.records().isEmpty()) {
            options.sampled(selection.records(), true);
            return;
        }
        var request = source.sampleRequest(HEADER_SAMPLE);
        ui.supply(() -> env.browser().read(request, Cancellation.none()), (Page page) -> {
            if (mine == sampleGeneration) {
                options.sampled(page.records(), !page.hasNext());
            }
        }, e -> {
            if (mine == sampleGeneration) {
                options.sampleFailed(e.getMessage());
            }
        });
    }

    private record DryRun(List<String> errors, List<String> warnings, List<String> notes, ReplayReport report) {
    }

    /** Reads and maps the whole range without sending; fills {@link #errors()}, {@link #warnings()}, {@link #notes()}. */
    public void dryRun() {
        ReplayPlan plan;
        try {
            plan = plan();
        } catch (BacktrackException e) {
            errors.setAll(e.getMessage());
            return;
        }
        WriteGuard guard = env.clients().guard();
        Cancellation cancel = new Cancellation();
        cancellation = cancel;
        busy.set(true);
        preview.set(null);
        errors.clear();
        warnings.clear();
        notes.clear();
        ui.supply(() -> {
            List<String> stops = new ArrayList<>();
            try {
                guard.checkWrite(plan.target().connection(), WriteAction.REPLAY, plan.target().topic());
                if (plan.target().create() != null) {
                    guard.checkWrite(plan.target().connection(), WriteAction.CREATE_TOPIC, plan.target().topic());
                }
            } catch (BacktrackException refused) {
                stops.add(refused.getMessage());
            }
            ReplayRunner r = new ReplayRunner(guard, SendListener.NONE);
            ReplayRunner.Checks checks = r.checks(plan);
            stops.addAll(checks.problems());
            ReplayReport dry = r.dryRun(plan, cancel);
            List<String> warn = new ArrayList<>(checks.warnings());
            if (dry.matched() == 0) {
                warn.add("no record of the range " + (plan.filter() == null ? "" : "matches the filter; ") + "would be replayed");
            }
            List<String> info = dry.warnings().stream().filter(w -> !checks.problems().contains(w) && !checks.warnings().contains(w)).toList();
            return new DryRun(stops, warn, info, dry);
        }, result -> {
            busy.set(false);
            errors.setAll(result.errors());
            warnings.setAll(result.warnings());
            notes.setAll(result.notes());
            preview.set(result.report());
        }, failure -> {
            busy.set(false);
            errors.setAll(message(failure));
        });
    }

    public boolean canRun() {
        return !busy.get() && preview.get() != null && errors.isEmpty() && !run.runningProperty().get();
    }

    /** Starts the replay of the current inputs (verification on); the report arrives in {@link #reportProperty()}. */
    public void run() {
        if (!canRun()) {
            return;
        }
        ReplayPlan plan = plan();
        ranPlan = plan;
        run.start(plan, env.clients().guard(), () -> step.set(Step.RUN), () -> step.set(Step.REPORT), ReplayWizardViewModel::message);
    }

    public void pause() {
        run.pause();
    }

    public void resume() {
        run.resume();
    }

    /** Cancels the dry run or the replay: an idempotent replay keeps what was written, an exactly-once one aborts its transaction. */
    public void cancel() {
        cancellation.cancel();
        run.cancel();
    }

    /** The command line of the replay that ran (or of the current inputs before a run). */
    public ReplayCommandLine.Rendered command() {
        ReplayPlan plan = ranPlan != null ? ranPlan : plan();
        return ReplayCommandLine.render(plan, env.profile(), target.profile(), target.sameConnection(), source.partitionCount());
    }

    /** Where the replayed records start on the target: the first target partition with records. */
    public Optional<ReplayReport.TargetPartitionReport> targetStart() {
        ReplayReport r = run.reportProperty().get();
        return r == null ? Optional.empty() : r.targets().stream().filter(t -> t.firstOffset() != null).findFirst();
    }

    public boolean targetIsThisConnection() {
        return target.sameConnection();
    }

    public String targetTopic() {
        return ranPlan != null ? ranPlan.target().topic() : target.topicProperty().get();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ReplayReport> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ObservableList<String> errors() {
        return errors;
    }

    public ObservableList<String> warnings() {
        return warnings;
    }

    /** Informational lines of the dry run (target will be created, schemas re-registered at run time). */
    public ObservableList<String> notes() {
        return notes;
    }

    public ReadOnlyObjectProperty<SendProgress> progressProperty() {
        return run.progressProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return run.runningProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return run.pausedProperty();
    }

    /** Whether a cancel was asked for and the replay is stopping. */
    public ReadOnlyBooleanProperty cancellingProperty() {
        return run.cancellingProperty();
    }

    /** What the replay does after sending (waiting for acknowledgements, verifying) or while cancelling; null otherwise. */
    public ReadOnlyStringProperty runStatusProperty() {
        return run.statusProperty();
    }

    public ReadOnlyObjectProperty<ReplayReport> reportProperty() {
        return run.reportProperty();
    }

    public ReadOnlyStringProperty runErrorProperty() {
        return run.errorProperty();
    }

    @Override
    public void close() {
        cancel();
    }

    static String message(Throwable e) {
        String m = e instanceof BacktrackException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
