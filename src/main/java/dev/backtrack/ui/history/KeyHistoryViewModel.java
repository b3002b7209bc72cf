package dev.backtrack.ui.history;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.history.AsOf;
import dev.backtrack.history.KeyHistory;
import dev.backtrack.history.KeyHistoryFinder;
import dev.backtrack.history.KeySpec;
import dev.backtrack.history.KeyVersion;
import dev.backtrack.history.TimeWindow;
import dev.backtrack.ui.common.UiExecutor;
import java.time.Instant;
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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The key history view's state: the query (key, time window, all partitions), the versions found with the
 * selected one, notes about what the answer may miss, and the state as of a chosen instant. Calls only the
 * engine ({@link KeyHistoryFinder}); runs it through {@link UiExecutor}, so tests drive it synchronously.
 */
public final class KeyHistoryViewModel implements AutoCloseable {
    private final String topic;
    private final KeyHistoryFinder finder;
    private final UiExecutor ui;
    private final StringProperty key = new SimpleStringProperty("");
    private final ObjectProperty<Instant> from = new SimpleObjectProperty<>();
    private final ObjectProperty<Instant> to = new SimpleObjectProperty<>();
    private final BooleanProperty allPartitions = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper partitionNote = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<KeyHistory> history = new ReadOnlyObjectWrapper<>();
    private final ObservableList<KeyVersion> versions = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObjectProperty<KeyVersion> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<AsOf> asOf = new ReadOnlyObjectWrapper<>();
    private Cancellation cancellation = new Cancellation();
    private long generation;

    public KeyHistoryViewModel(String topic, KeyHistoryFinder finder, UiExecutor ui) {
        this.topic = topic;
        this.finder = finder;
        this.ui = ui;
    }

    /** Looks up every version of the key in the window (in the background); the previous search is cancelled. */
    public void search() {
        KeySpec spec;
        TimeWindow window;
        try {
            if (key.get() == null || key.get().isEmpty()) {
                throw new BacktrackException("type a key: text, JSON, hex:… or base64:…");
            }
            spec = KeySpec.parse(key.get());
            window = new TimeWindow(from.get(), to.get());
        } catch (BacktrackException | IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        cancellation.cancel();
        Cancellation mine = new Cancellation();
        cancellation = mine;
        long run = ++generation;
        boolean all = allPartitions.get();
        error.set(null);
        busy.set(true);
        progress.set(0);
        status.set("Searching " + topic + " for key " + spec.display() + (all ? " in every partition" : "") + "…");
        ScanTicker ticker = new ScanTicker(ui, f -> {
            if (run == generation) {
                progress.set(f);
            }
        });
        ui.supply(() -> finder.find(topic, spec, window, all, ticker, mine), h -> {
            if (run == generation) {
                show(h);
            }
        }, e -> {
            if (run == generation) {
                busy.set(false);
                status.set("");
                error.set(e instanceof BacktrackException ? e.getMessage() : "the key history failed: " + e);
            }
        });
    }

    private void show(KeyHistory h) {
        busy.set(false);
        progress.set(1);
        history.set(h);
        versions.setAll(h.versions());
        notes.setAll(h.notes());
        partitionNote.set(partitionNote(h));
        long deletions = h.versions().stream().filter(KeyVersion::deleted).count();
        status.set(h.versions().size() + " version" + (h.versions().size() == 1 ? "" : "s")
                + (deletions > 0 ? " (" + deletions + " deletion" + (deletions == 1 ? "" : "s") + ")" : "")
                + " · " + h.recordsScanned() + " records scanned in partition" + (h.scannedPartitions().size() == 1 ? " " : "s ")
                + h.scannedPartitions() + (h.cancelled() ? " · cancelled: incomplete" : ""));
        selected.set(h.versions().isEmpty() ? null : h.versions().getLast());
        asOf.set(null);
    }

    /** Says where the key lives when that is not the one partition the default partitioner gives it; null otherwise. */
    static String partitionNote(KeyHistory h) {
        if (h.foundIn().size() > 1) {
            return "This key lives in " + h.foundIn().size() + " partitions " + h.foundIn()
                    + ": its producer did not always use the default partitioner; versions are merged by time.";
        }
        if (h.foundIn().size() == 1 && h.foundIn().getFirst() != h.expectedPartition()) {
            return "This key is in partition " + h.foundIn().getFirst() + ", not in partition " + h.expectedPartition()
                    + " where the default partitioner puts it.";
        }
        return null;
    }

    /** The state of the key at an instant, from the versions found (null clears it). */
    public void stateAsOf(Instant at) {
        KeyHistory h = history.get();
        if (at == null || h == null) {
            asOf.set(null);
            return;
        }
        AsOf answer = h.stateAsOf(at);
        if (answer.version() != null) {
            selected.set(answer.version());
        }
        asOf.set(answer);
    }

    /** The version before the selected one (what its diff is against), or null. */
    public KeyVersion previousOf(KeyVersion v) {
        int i = versions.indexOf(v);
        return i > 0 ? versions.get(i - 1) : null;
    }

    /** Shows a one-sentence problem with the query the view found (e.g. a date-time it cannot read). */
    public void showError(String message) {
        error.set(message);
    }

    public void cancel() {
        cancellation.cancel();
    }

    @Override
    public void close() {
        cancellation.cancel();
    }

    public String topic() {
        return topic;
    }

    public StringProperty keyProperty() {
        return key;
    }

    public ObjectProperty<Instant> fromProperty() {
        return from;
    }

    public ObjectProperty<Instant> toProperty() {
        return to;
    }

    public BooleanProperty allPartitionsProperty() {
        return allPartitions;
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

    public ReadOnlyStringProperty partitionNoteProperty() {
        return partitionNote.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<KeyHistory> historyProperty() {
        return history.getReadOnlyProperty();
    }

    public ObservableList<KeyVersion> versions() {
        return versions;
    }

    public ObservableList<String> notes() {
        return notes;
    }

    public ObjectProperty<KeyVersion> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<AsOf> asOfProperty() {
        return asOf.getReadOnlyProperty();
    }
}
