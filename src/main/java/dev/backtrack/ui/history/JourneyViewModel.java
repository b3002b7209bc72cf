package dev.backtrack.ui.history;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.history.Correlation;
import dev.backtrack.history.Journey;
import dev.backtrack.history.JourneyExport;
import dev.backtrack.history.JourneyFinder;
import dev.backtrack.history.JourneyStep;
import dev.backtrack.history.TimeWindow;
import dev.backtrack.ui.common.UiExecutor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The journey view's state: what ties the records together, which topics to search (a checklist, all
 * non-internal ones by default) and the time window around the record the journey started from; the steps
 * found, the selected one, progress and a summary. Calls only the engine ({@link JourneyFinder}, which scans
 * the topics in parallel); tests drive it synchronously with {@link UiExecutor#direct()}.
 */
public final class JourneyViewModel implements AutoCloseable {
    /** How far around the starting record's time to search. */
    public enum WindowSpan {
        MINUTES_15("± 15 min", Duration.ofMinutes(15)), HOUR_1("± 1 hour", Duration.ofHours(1)),
        HOURS_6("± 6 hours", Duration.ofHours(6)), DAY_1("± 1 day", Duration.ofDays(1)), ALL("all time", null);

        private final String label;
        private final Duration half;

        WindowSpan(String label, Duration half) {
            this.label = label;
            this.half = half;
        }

        public TimeWindow around(Instant anchor) {
            return half == null || anchor == null ? TimeWindow.ALL : new TimeWindow(anchor.minus(half), anchor.plus(half));
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One topic of the checklist. */
    public record TopicChoice(String name, BooleanProperty selected) {
        public TopicChoice(String name, boolean selected) {
            this(name, new SimpleBooleanProperty(selected));
        }
    }

    private final JourneyFinder finder;
    private final Supplier<List<String>> topicNames;
    private final UiExecutor ui;
    private final String clusterName;
    private final ObjectProperty<Correlation> correlation = new SimpleObjectProperty<>();
    private final ObjectProperty<Instant> anchor = new SimpleObjectProperty<>();
    private final ObjectProperty<WindowSpan> span = new SimpleObjectProperty<>(WindowSpan.HOUR_1);
    private final ObservableList<TopicChoice> topics = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Journey> journey = new ReadOnlyObjectWrapper<>();
    private final ObservableList<JourneyStep> steps = FXCollections.observableArrayList();
    private final ObjectProperty<JourneyStep> selected = new SimpleObjectProperty<>();
    private Cancellation cancellation = new Cancellation();
    private long generation;
    private dev.backtrack.kafka.KafkaClients replayClients;

    /** {@code topicNames} lists the non-internal topics of the cluster (called in the background). */
    public JourneyViewModel(JourneyFinder finder, Supplier<List<String>> topicNames, String clusterName, UiExecutor ui) {
        this.finder = finder;
        this.topicNames = topicNames;
        this.clusterName = clusterName;
        this.ui = ui;
    }

    /** Fills the checklist with the cluster's topics, all checked except names starting with "_" (registry, Connect internals). */
    public void loadTopics(Runnable then) {
        ui.supply(topicNames, names -> {
            topics.setAll(names.stream().sorted().map(n -> new TopicChoice(n, !n.startsWith("_"))).toList());
            if (then != null) {
                then.run();
            }
        }, e -> error.set("could not list the topics: " + (e instanceof BacktrackException ? e.getMessage() : e.toString())));
    }

    public List<String> selectedTopics() {
        return topics.stream().filter(t -> t.selected().get()).map(TopicChoice::name).toList();
    }

    /** Checks exactly these topics (others unchecked). */
    public void selectOnly(List<String> names) {
        topics.forEach(t -> t.selected().set(names.contains(t.name())));
    }

    public TimeWindow window() {
        return span.get().around(anchor.get());
    }

    /** Finds every record of the correlation in the checked topics (in the background); the previous search is cancelled. */
    public void search() {
        Correlation c = correlation.get();
        List<String> chosen = selectedTopics();
        if (c == null) {
            error.set("nothing to follow: choose a record with a traceparent or correlation-id header");
            return;
        }
        if (chosen.isEmpty()) {
            error.set("check at least one topic to search");
            return;
        }
        TimeWindow window = window();
        cancellation.cancel();
        Cancellation mine = new Cancellation();
        cancellation = mine;
        long run = ++generation;
        error.set(null);
        busy.set(true);
        progress.set(0);
        status.set("Following " + c.describe() + " in " + chosen.size() + " topic" + (chosen.size() == 1 ? "" : "s") + "…");
        ScanTicker ticker = new ScanTicker(ui, f -> {
            if (run == generation) {
                progress.set(f);
            }
        });
        ui.supply(() -> finder.find(chosen, c, window, ticker, mine), j -> {
            if (run == generation) {
                show(j);
            }
        }, e -> {
            if (run == generation) {
                busy.set(false);
                status.set("");
                error.set(e instanceof BacktrackException ? e.getMessage() : "the journey search failed: " + e);
            }
        });
    }

    private void show(Journey j) {
        busy.set(false);
        progress.set(1);
        journey.set(j);
        steps.setAll(j.steps());
        selected.set(j.steps().isEmpty() ? null : j.steps().getFirst());
        status.set(summary(j));
    }

    static String summary(Journey j) {
        long topicsHit = j.steps().stream().map(JourneyStep::topic).distinct().count();
        int dead = j.deadLetters().size();
        return j.steps().size() + " step" + (j.steps().size() == 1 ? "" : "s") + " in " + topicsHit + " topic" + (topicsHit == 1 ? "" : "s")
                + (j.steps().size() > 1 ? " over " + TimeText.gap(j.span()) : "")
                + (dead > 0 ? " · " + dead + " dead letter" + (dead == 1 ? "" : "s") : "")
                + " · " + j.recordsScanned() + " records scanned in " + j.elapsed().toMillis() + " ms"
                + (j.cancelled() ? " · cancelled: incomplete" : "");
    }

    /** Writes the journey's records as a Backtrack archive (lossless JSONL) in the background. */
    public void export(Path file, Runnable then) {
        Journey j = journey.get();
        if (j == null || j.steps().isEmpty()) {
            error.set("there is no journey to export");
            return;
        }
        ui.supply(() -> {
            try (OutputStream out = Files.newOutputStream(file)) {
                return JourneyExport.write(j, clusterName, out, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, n -> {
            status.set("Exported " + n + " record" + (n == 1 ? "" : "s") + " to " + file.getFileName());
            if (then != null) {
                then.run();
            }
        }, e -> error.set("could not export the journey: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())));
    }

    /** Allows {@link #replay}: the journey's records are written with these clients (this connection). */
    public void enableReplay(dev.backtrack.kafka.KafkaClients clients) {
        this.replayClients = clients;
    }

    public boolean canReplay() {
        return replayClients != null;
    }

    /**
     * Replays the journey's records with the replay machinery, to their own topics or one chosen topic; the
     * status then says how many were written, with the checksum and the replay id of the provenance headers.
     */
    public void replay(dev.backtrack.history.JourneyReplay.Target where, Runnable then) {
        Journey j = journey.get();
        if (j == null || j.steps().isEmpty() || replayClients == null) {
            error.set(replayClients == null ? "replay is not available here" : "there is no journey to replay");
            return;
        }
        busy.set(true);
        error.set(null);
        status.set("Replaying " + j.steps().size() + " records…");
        Cancellation mine = new Cancellation();
        cancellation = mine;
        ui.supply(() -> dev.backtrack.history.JourneyReplay.run(j, clusterName, replayClients, where, mine,
                dev.backtrack.replay.SendListener.NONE), r -> {
            busy.set(false);
            var send = r.send();
            status.set("Replayed " + send.written() + " of " + j.steps().size() + " records"
                    + (send.failed() > 0 ? " (" + send.failed() + " failed: " + send.failures().getFirst()
                            + (send.timedOut() > 0 ? "; " + send.timedOut() + " timed out and may have been written all the same" : "") + ")" : "")
                    + " · checksum " + send.checksum() + " · id " + r.replayId());
            if (then != null) {
                then.run();
            }
        }, e -> {
            busy.set(false);
            status.set("");
            error.set("the journey was not replayed: " + e.getMessage());
        });
    }

    public void cancel() {
        cancellation.cancel();
    }

    @Override
    public void close() {
        cancellation.cancel();
    }

    public ObjectProperty<Correlation> correlationProperty() {
        return correlation;
    }

    public ObjectProperty<Instant> anchorProperty() {
        return anchor;
    }

    public ObjectProperty<WindowSpan> spanProperty() {
        return span;
    }

    public ObservableList<TopicChoice> topics() {
        return topics;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Journey> journeyProperty() {
        return journey.getReadOnlyProperty();
    }

    public ObservableList<JourneyStep> steps() {
        return steps;
    }

    public ObjectProperty<JourneyStep> selectedProperty() {
        return selected;
    }
}
