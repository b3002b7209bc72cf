package dev.backtrack.ui.browse;

import dev.backtrack.browse.BrowseRequest;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.EndBound;
import dev.backtrack.browse.Page;
import dev.backtrack.browse.Position;
import dev.backtrack.browse.TopicTimeline;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.DecoderChoice;
import dev.backtrack.codec.Format;
import dev.backtrack.ui.common.UiBatcher;
import dev.backtrack.ui.common.UiExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.apache.kafka.common.IsolationLevel;

/**
 * State and commands of one topic view: what is being browsed (request), the rows of the current page,
 * the selection, paging, live tail and the timeline. No controls here; every engine call goes through the
 * {@link UiExecutor}, and records arrive as whole pages or coalesced batches.
 */
public final class BrowseViewModel {
    public static final int LIVE_BUFFER = 5_000;
    public static final int TIMELINE_BUCKETS = 48;

    private final BrowseBackend backend;
    private final UiExecutor ui;
    private final ObservableList<MessageRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<MessageRow> selected = new SimpleObjectProperty<>();
    private final StringProperty topic = new SimpleStringProperty();
    private final ObservableList<Integer> partitions = FXCollections.observableArrayList();
    private final ObjectProperty<Integer> partition = new SimpleObjectProperty<>();
    private final ObjectProperty<IsolationLevel> isolation = new SimpleObjectProperty<>(IsolationLevel.READ_UNCOMMITTED);
    private final ObjectProperty<Format> keyFormat = new SimpleObjectProperty<>();
    private final ObjectProperty<Format> valueFormat = new SimpleObjectProperty<>();
    private final IntegerProperty pageSize = new SimpleIntegerProperty(BrowseRequest.DEFAULT_PAGE_SIZE);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty hasNext = new SimpleBooleanProperty();
    private final BooleanProperty hasPrevious = new SimpleBooleanProperty();
    private final BooleanProperty tailing = new SimpleBooleanProperty();
    private final BooleanProperty tailPaused = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty();
    private final ObjectProperty<TopicTimeline.Timeline> timeline = new SimpleObjectProperty<>();
    private final ObjectProperty<Position> position = new SimpleObjectProperty<>(Position.BEGINNING);
    private final ObjectProperty<Page> page = new SimpleObjectProperty<>();

    private Predicate<DecodedRecord> filter;
    private EndBound end = EndBound.NONE;
    private Cancellation running = new Cancellation();
    private AutoCloseable tail;
    private UiBatcher<DecodedRecord> tailBatcher;
    private final List<MessageRow> heldWhilePaused = new ArrayList<>();

    public BrowseViewModel(BrowseBackend backend, UiExecutor ui) {
        this.backend = backend;
        this.ui = ui;
    }

    /** Opens a topic with its partitions and loads the first page from the given position. */
    public void open(String topicName, int partitionCount, Position start) {
        openAt(topicName, partitionCount, null, start);
    }

    /** Opens a topic on one partition (or all when null) from {@code start}: "open the original record". */
    public void openAt(String topicName, int partitionCount, Integer onePartition, Position start) {
        stopTail();
        topic.set(topicName);
        List<Integer> ps = new ArrayList<>();
        for (int p = 0; p < partitionCount; p++) {
            ps.add(p);
        }
        partitions.setAll(ps);
        partition.set(onePartition);
        seek(start);
        refreshTimeline();
    }

    public BrowseRequest request() {
        BrowseRequest r = BrowseRequest.of(topic.get())
                .withPartitions(partition.get() == null ? List.of() : List.of(partition.get()))
                .withPosition(position.get() instanceof Position.Live ? Position.END : position.get())
                .withEnd(end)
                .withPageSize(pageSize.get())
                .withIsolation(isolation.get())
                .withDecoders(new DecoderChoice(keyFormat.get(), valueFormat.get()));
        return filter == null ? r : r.withFilter(filter);
    }

    public void seek(Position to) {
        seekWindow(to, EndBound.NONE);
    }

    /** Browses from {@code to} up to {@code until} (a time window chosen on the timeline, or none). */
    public void seekWindow(Position to, EndBound until) {
        stopTail();
        position.set(to);
        end = until;
        BrowseRequest request = request();
        load(c -> backend.browse(request, c));
    }

    public void seekTimeWindow(Instant from, Instant to) {
        seekWindow(new Position.AtTimestamp(from), new EndBound.BeforeTime(to));
    }

    public void nextPage() {
        Page current = page.get();
        if (current != null && current.hasNext()) {
            load(c -> backend.next(current, c));
        }
    }

    public void previousPage() {
        Page current = page.get();
        if (current != null && current.hasPrevious()) {
            load(c -> backend.previous(current, c));
        }
    }

    /** Re-reads the current position (after changing decoders, isolation or partition). */
    public void reload() {
        if (topic.get() != null) {
            seekWindow(position.get(), end);
        }
    }

    public void setFilter(Predicate<DecodedRecord> predicate) {
        this.filter = predicate;
    }

    public void cancel() {
        running.cancel();
    }

    private void load(Function<Cancellation, Page> read) {
        running.cancel();
        Cancellation c = new Cancellation();
        running = c;
        busy.set(true);
        error.set(null);
        status.set("Reading " + topic.get() + "…");
        long started = System.nanoTime();
        ui.supply(() -> {
            Page p = read.apply(c);
            List<MessageRow> built = p.records().stream().map(r -> MessageRow.of(r, p.isAborted(r))).toList();
            return new Loaded(p, built);
        }, loaded -> {
            if (c != running) {
                return;
            }
            busy.set(false);
            // rows first: whoever hears of the new page finds its rows in place
            rows.setAll(loaded.rows());
            page.set(loaded.page());
            hasNext.set(loaded.page().hasNext());
            hasPrevious.set(loaded.page().hasPrevious());
            long ms = (System.nanoTime() - started) / 1_000_000;
            status.set(loaded.rows().size() + " records" + (loaded.page().request().filtered()
                    ? " matching of " + loaded.page().scanned() + " scanned" : "") + " · " + ms + " ms"
                    + (loaded.page().cancelled() ? " · cancelled" : "")
                    + (loaded.page().warnings().isEmpty() ? "" : " · " + loaded.page().warnings().getFirst()));
        }, failure -> {
            if (c != running) {
                return;
            }
            busy.set(false);
            error.set(message(failure));
            status.set("Read failed");
        });
    }

    private record Loaded(Page page, List<MessageRow> rows) {
    }

    public void refreshTimeline() {
        String t = topic.get();
        ui.supply(() -> backend.timeline(t, TIMELINE_BUCKETS, new Cancellation()), timeline::set,
                failure -> error.set("Timeline: " + message(failure)));
    }

    /** Starts following new records; the table keeps the newest {@link #LIVE_BUFFER} rows. */
    public void startTail() {
        stopTail();
        position.set(Position.LIVE);
        rows.clear();
        heldWhilePaused.clear();
        tailPaused.set(false);
        tailing.set(true);
        hasNext.set(false);
        hasPrevious.set(false);
        status.set("Live: waiting for new records on " + topic.get() + "…");
        UiBatcher<DecodedRecord> batcher = new UiBatcher<>(ui, this::appendLive);
        tailBatcher = batcher;
        BrowseRequest request = request();
        ui.background(() -> {
            AutoCloseable handle = backend.tail(request, batcher::add,
                    failure -> ui.onFx(() -> {
                        error.set("Live tail: " + message(failure));
                        stopTail();
                    }));
            ui.onFx(() -> {
                if (tailBatcher == batcher) {
                    tail = handle;
                } else {
                    closeQuietly(handle);
                }
            });
        });
    }

    private void appendLive(List<DecodedRecord> batch) {
        if (!tailing.get()) {
            return;
        }
        List<MessageRow> fresh = batch.stream().map(r -> MessageRow.of(r, false)).toList();
        if (tailPaused.get()) {
            heldWhilePaused.addAll(fresh);
            trim(heldWhilePaused);
            status.set("Live paused · " + heldWhilePaused.size() + " new records held");
            return;
        }
        rows.addAll(fresh);
        if (rows.size() > LIVE_BUFFER) {
            rows.remove(0, rows.size() - LIVE_BUFFER);
        }
        status.set("Live · " + rows.size() + " records shown (newest " + LIVE_BUFFER + " kept)");
    }

    private static void trim(List<MessageRow> list) {
        if (list.size() > LIVE_BUFFER) {
            list.subList(0, list.size() - LIVE_BUFFER).clear();
        }
    }

    public void setTailPaused(boolean paused) {
        tailPaused.set(paused);
        if (!paused && !heldWhilePaused.isEmpty()) {
            List<MessageRow> held = List.copyOf(heldWhilePaused);
            heldWhilePaused.clear();
            rows.addAll(held);
            if (rows.size() > LIVE_BUFFER) {
                rows.remove(0, rows.size() - LIVE_BUFFER);
            }
        }
    }

    public void stopTail() {
        if (tailBatcher != null) {
            tailBatcher.close();
            tailBatcher = null;
        }
        if (tail != null) {
            AutoCloseable handle = tail;
            tail = null;
            ui.background(() -> closeQuietly(handle));
        }
        tailing.set(false);
        tailPaused.set(false);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing a finished tail has nothing left to report
        }
    }

    public static String message(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && (cause.getMessage() == null || cause instanceof java.util.concurrent.CompletionException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** Clears the table for a search whose matches arrive with {@link #appendMatches}. */
    public void beginSearch(String description) {
        stopTail();
        running.cancel();
        rows.clear();
        hasNext.set(false);
        hasPrevious.set(false);
        status.set("Searching " + description + "…");
    }

    public void appendMatches(List<DecodedRecord> matches) {
        rows.addAll(matches.stream().map(r -> MessageRow.of(r, false)).toList());
    }

    public void setStatus(String text) {
        status.set(text);
    }

    public String commandLine() {
        return topic.get() == null ? "" : backend.commandLine(request());
    }

    /** Where the current browse stops (a time window chosen on the timeline, or none). */
    public EndBound endBound() {
        return end;
    }

    public BrowseBackend backend() {
        return backend;
    }

    public ObservableList<MessageRow> rows() { return rows; }
    public ObjectProperty<MessageRow> selectedProperty() { return selected; }
    public StringProperty topicProperty() { return topic; }
    public ObservableList<Integer> partitions() { return partitions; }
    public ObjectProperty<Integer> partitionProperty() { return partition; }
    public ObjectProperty<IsolationLevel> isolationProperty() { return isolation; }
    public ObjectProperty<Format> keyFormatProperty() { return keyFormat; }
    public ObjectProperty<Format> valueFormatProperty() { return valueFormat; }
    public IntegerProperty pageSizeProperty() { return pageSize; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty hasNextProperty() { return hasNext; }
    public BooleanProperty hasPreviousProperty() { return hasPrevious; }
    public BooleanProperty tailingProperty() { return tailing; }
    public BooleanProperty tailPausedProperty() { return tailPaused; }
    public StringProperty statusProperty() { return status; }
    public StringProperty errorProperty() { return error; }
    public ObjectProperty<TopicTimeline.Timeline> timelineProperty() { return timeline; }
    public ObjectProperty<Position> positionProperty() { return position; }
    public ObjectProperty<Page> pageProperty() { return page; }
}
