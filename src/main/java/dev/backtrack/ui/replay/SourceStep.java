package dev.backtrack.ui.replay;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.BrowseRequest;
import dev.backtrack.browse.EndBound;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.Position;
import dev.backtrack.codec.DecoderChoice;
import dev.backtrack.codec.Format;
import dev.backtrack.filter.RecordFilter;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.replay.ReplayRange;
import dev.backtrack.replay.ReplaySource;
import dev.backtrack.ui.connection.BrowseSelection;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.apache.kafka.common.IsolationLevel;

/**
 * Step 1 of the replay wizard: the source topic's partitions, the range (pre-filled from the browse selection:
 * the timeline window, else the offsets of the page in view, else the whole topic), the optional CEL filter
 * (compiled as typed) and the isolation level. {@link #error()} holds the first problem, null when valid.
 */
public final class SourceStep {
    /** How the range is given. */
    public enum RangeKind {
        ALL("Whole topic"), PAGE("Offsets of the page in view"), OFFSETS("Offsets"), TIME_WINDOW("Time window [from, to)"),
        LAST_N("Last N of each partition");

        private final String label;

        RangeKind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One partition of the checklist. */
    public record PartitionChoice(int partition, BooleanProperty selected) {
        @Override
        public String toString() {
            return "Partition " + partition;
        }
    }

    private final String topic;
    private final int partitionCount;
    private final List<PartitionRange> pageRanges;
    private final ObservableList<PartitionChoice> partitions = FXCollections.observableArrayList();
    private final ObjectProperty<RangeKind> rangeKind = new SimpleObjectProperty<>(RangeKind.ALL);
    private final StringProperty fromOffset = new SimpleStringProperty("");
    private final StringProperty toOffset = new SimpleStringProperty("");
    private final StringProperty fromTime = new SimpleStringProperty("");
    private final StringProperty toTime = new SimpleStringProperty("");
    private final StringProperty lastN = new SimpleStringProperty("100");
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty readCommitted = new SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper filterError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();

    public SourceStep(BrowseSelection selection) {
        this.topic = selection.topic();
        this.partitionCount = Math.max(1, selection.partitionCount());
        this.pageRanges = selection.page() == null ? List.of()
                : selection.page().ranges().stream().filter(r -> !r.isEmpty()).toList();
        for (int p = 0; p < partitionCount; p++) {
            boolean on = selection.partition() == null || selection.partition() == p;
            partitions.add(new PartitionChoice(p, new SimpleBooleanProperty(on)));
        }
        BrowseSelection.TimeWindow window = selection.timeWindow();
        if (window != null) {
            rangeKind.set(RangeKind.TIME_WINDOW);
            fromTime.set(window.from().toString());
            toTime.set(window.to().toString());
        } else if (!pageRanges.isEmpty()) {
            rangeKind.set(RangeKind.PAGE);
            partitions.forEach(c -> c.selected().set(pageRanges.stream().anyMatch(r -> r.partition() == c.partition())));
        }
        List<Observable> inputs = new ArrayList<>(List.of(rangeKind, fromOffset, toOffset, fromTime, toTime, lastN));
        partitions.forEach(c -> inputs.add(c.selected()));
        inputs.forEach(o -> o.addListener(x -> revalidate()));
        // the compile error first: validation reads it
        filter.addListener((o, a, b) -> {
            filterError.set(compileError(b));
            revalidate();
        });
        revalidate();
    }

    public String topic() {
        return topic;
    }

    public int partitionCount() {
        return partitionCount;
    }

    /** The page's per-partition offsets, as offered by {@link RangeKind#PAGE} (empty when no page was in view). */
    public List<PartitionRange> pageRanges() {
        return pageRanges;
    }

    public ObservableList<PartitionChoice> partitions() {
        return partitions;
    }

    public ObjectProperty<RangeKind> rangeKindProperty() {
        return rangeKind;
    }

    public StringProperty fromOffsetProperty() {
        return fromOffset;
    }

    public StringProperty toOffsetProperty() {
        return toOffset;
    }

    public StringProperty fromTimeProperty() {
        return fromTime;
    }

    public StringProperty toTimeProperty() {
        return toTime;
    }

    public StringProperty lastNProperty() {
        return lastN;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty readCommittedProperty() {
        return readCommitted;
    }

    /** The filter's compile error (one sentence with line:column), null when empty or valid. */
    public ReadOnlyStringProperty filterErrorProperty() {
        return filterError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String error() {
        return error.get();
    }

    public List<Integer> selectedPartitions() {
        return partitions.stream().filter(c -> c.selected().get()).map(PartitionChoice::partition).toList();
    }

    /** The engine's source for these inputs; throws {@link BacktrackException} with the first problem. */
    public ReplaySource.Topic build(ConnectionSettings settings) {
        List<Integer> chosen = selectedPartitions();
        if (chosen.isEmpty()) {
            throw new BacktrackException("choose at least one partition");
        }
        List<Integer> planPartitions = chosen.size() == partitionCount ? List.of() : chosen;
        ReplayRange range = switch (rangeKind.get()) {
            case ALL -> ReplayRange.ALL;
            case PAGE -> {
                List<PartitionRange> ranges = pageRanges.stream().filter(r -> chosen.contains(r.partition())).toList();
                if (ranges.isEmpty()) {
                    throw new BacktrackException("the page in view holds none of the chosen partitions");
                }
                planPartitions = ranges.stream().map(PartitionRange::partition).toList();
                yield new ReplayRange.PerPartition(ranges);
            }
            case OFFSETS -> {
                Long from = offset(fromOffset.get(), "first offset");
                Long to = offset(toOffset.get(), "end offset");
                if (from != null && to != null && to <= from) {
                    throw new BacktrackException("the end offset must be after the first offset");
                }
                yield new ReplayRange.Offsets(from, to);
            }
            case TIME_WINDOW -> {
                Instant from = time(fromTime.get(), "from");
                Instant to = time(toTime.get(), "to");
                if (from == null && to == null) {
                    throw new BacktrackException("give at least one end of the time window");
                }
                if (from != null && to != null && !to.isAfter(from)) {
                    throw new BacktrackException("the time window is empty: 'to' must be after 'from'");
                }
                yield new ReplayRange.TimeWindow(from, to);
            }
            case LAST_N -> {
                Long n = offset(lastN.get(), "number of records");
                if (n == null || n <= 0) {
                    throw new BacktrackException("give how many of the last records to replay (a positive number)");
                }
                yield new ReplayRange.LastN(n);
            }
        };
        if (filterError.get() != null) {
            throw new BacktrackException(filterError.get());
        }
        return new ReplaySource.Topic(settings, topic, planPartitions, range,
                readCommitted.get() ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED);
    }

    /** A bounded read of the start of the range, for the header names seen in it. */
    BrowseRequest sampleRequest(int records) {
        BrowseRequest base = BrowseRequest.of(topic).withPartitions(selectedPartitions()).withPageSize(records)
                .withDecoders(new DecoderChoice(Format.HEX, Format.HEX)).withMarkAborted(false)
                .withIsolation(readCommitted.get() ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED);
        try {
            return switch (rangeKind.get()) {
                case ALL, PAGE -> base.withEnd(EndBound.CURRENT_END);
                case OFFSETS -> {
                    Long from = offset(fromOffset.get(), "first offset");
                    Long to = offset(toOffset.get(), "end offset");
                    yield base.withPosition(from == null ? Position.BEGINNING : new Position.AtOffset(from))
                            .withEnd(to == null ? EndBound.CURRENT_END : new EndBound.BeforeOffset(to));
                }
                case TIME_WINDOW -> {
                    Instant from = time(fromTime.get(), "from");
                    Instant to = time(toTime.get(), "to");
                    yield base.withPosition(from == null ? Position.BEGINNING : new Position.AtTimestamp(from))
                            .withEnd(to == null ? EndBound.CURRENT_END : new EndBound.BeforeTime(to));
                }
                case LAST_N -> base.withPosition(new Position.LastN((int) Math.min(records, Math.max(1, offset(lastN.get(), "n")))));
            };
        } catch (RuntimeException e) {
            return base.withEnd(EndBound.CURRENT_END);
        }
    }

    private void revalidate() {
        try {
            build(dev.backtrack.kafka.ConnectionSettings.plaintext("validation:0"));
            error.set(null);
        } catch (BacktrackException | IllegalArgumentException e) {
            error.set(e.getMessage());
        }
    }

    private static String compileError(String expression) {
        if (expression == null || expression.isBlank()) {
            return null;
        }
        try {
            RecordFilter.cel(expression);
            return null;
        } catch (BacktrackException e) {
            return e.getMessage();
        }
    }

    private static Long offset(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(text.trim().replace("_", ""));
            if (v < 0) {
                throw new BacktrackException("the " + what + " must not be negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BacktrackException("the " + what + " must be a whole number, not '" + text.trim() + "'");
        }
    }

    /** An ISO instant (2026-05-01T14:03:00Z) or a local date-time (2026-05-01T14:03) in this computer's zone. */
    static Instant time(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().replace(' ', 'T');
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).atZone(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new BacktrackException("'" + what + "' must be a time like 2026-05-01T14:03:00Z, not '" + text.trim() + "'");
            }
        }
    }
}
