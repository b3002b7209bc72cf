package dev.backtrack.ui.search;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.EndBound;
import dev.backtrack.browse.Position;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.DecoderChoice;
import dev.backtrack.filter.CelFilter;
import dev.backtrack.filter.ContainsFilter;
import dev.backtrack.filter.PartitionScan;
import dev.backtrack.filter.RecordFilter;
import dev.backtrack.filter.SearchListener;
import dev.backtrack.filter.SearchRequest;
import dev.backtrack.filter.SearchResult;
import dev.backtrack.filter.SearchScope;
import dev.backtrack.ui.browse.BrowseViewModel;
import dev.backtrack.ui.common.UiBatcher;
import dev.backtrack.ui.common.UiExecutor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The search of one topic view: a CEL expression or plain text, checked as it is typed; a scope; a running
 * scan with "scanned N of M" per partition (coalesced updates) and cancel; matches go into the table.
 */
public final class SearchViewModel {
    public enum Mode { CEL, TEXT }

    /** What a search covers; labels are shown in the scope selector. */
    public enum Scope {
        FROM_POSITION("From the current position"), LAST_10K("Last 10,000 per partition"),
        TIME_WINDOW("Timeline window / current page's time span"), WHOLE_TOPIC("Whole topic");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final BrowseViewModel browse;
    private final UiExecutor ui;
    private final StringProperty expression = new SimpleStringProperty("");
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.CEL);
    private final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(Scope.WHOLE_TOPIC);
    private final StringProperty compileError = new SimpleStringProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty progressText = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ObjectProperty<SearchResult> result = new SimpleObjectProperty<>();
    private Cancellation cancellation = new Cancellation();
    private long checkGeneration;

    public SearchViewModel(BrowseViewModel browse, UiExecutor ui) {
        this.browse = browse;
        this.ui = ui;
        expression.addListener((o, a, b) -> check());
        mode.addListener((o, a, b) -> check());
    }

    /** Compiles in the background and shows the first problem with its line:column. */
    private void check() {
        long generation = ++checkGeneration;
        String text = expression.get();
        Mode m = mode.get();
        if (text == null || text.isBlank() || m == Mode.TEXT) {
            compileError.set(null);
            return;
        }
        ui.supply(() -> {
            CelFilter.compile(text);
            return "";
        }, ok -> {
            if (generation == checkGeneration) {
                compileError.set(null);
            }
        }, failure -> {
            if (generation == checkGeneration) {
                compileError.set(BrowseViewModel.message(failure));
            }
        });
    }

    RecordFilter filter() {
        String text = expression.get() == null ? "" : expression.get().strip();
        return mode.get() == Mode.TEXT ? new ContainsFilter(text, true) : CelFilter.compile(text);
    }

    SearchScope searchScope() {
        return switch (scope.get()) {
            case FROM_POSITION -> {
                Position p = browse.positionProperty().get();
                yield new SearchScope.Range(p instanceof Position.Live || p instanceof Position.LastN ? Position.END : p, EndBound.NONE);
            }
            case LAST_10K -> new SearchScope.LastOffsets(10_000);
            case TIME_WINDOW -> timeWindow();
            case WHOLE_TOPIC -> new SearchScope.WholeTopic();
        };
    }

    private SearchScope timeWindow() {
        List<Long> times = browse.rows().stream().map(r -> r.timestamp()).sorted().toList();
        if (times.isEmpty()) {
            return new SearchScope.WholeTopic();
        }
        return new SearchScope.TimeWindow(Instant.ofEpochMilli(times.getFirst()), Instant.ofEpochMilli(times.getLast() + 1));
    }

    public void run() {
        String topic = browse.topicProperty().get();
        if (topic == null || expression.get() == null || expression.get().isBlank()) {
            return;
        }
        RecordFilter filter;
        try {
            filter = filter();
        } catch (RuntimeException e) {
            compileError.set(BrowseViewModel.message(e));
            return;
        }
        cancel();
        Cancellation c = new Cancellation();
        cancellation = c;
        Integer partition = browse.partitionProperty().get();
        SearchRequest request = SearchRequest.of(topic, searchScope(), filter)
                .withPartitions(partition == null ? List.of() : List.of(partition))
                .withIsolation(browse.isolationProperty().get())
                .withDecoders(new DecoderChoice(browse.keyFormatProperty().get(), browse.valueFormatProperty().get()))
                .confirmedLarge();
        browse.beginSearch(filter.describe());
        running.set(true);
        progress.set(0);
        progressText.set("Planning…");
        Map<Integer, PartitionScan> scans = new TreeMap<>();
        UiBatcher<DecodedRecord> matches = new UiBatcher<>(ui, batch -> {
            if (c == cancellation) {
                browse.appendMatches(batch);
            }
        });
        UiBatcher<PartitionScan> progressUpdates = new UiBatcher<>(ui, batch -> {
            if (c == cancellation) {
                batch.forEach(s -> scans.put(s.partition(), s));
                showProgress(scans);
            }
        });
        SearchListener listener = new SearchListener() {
            @Override
            public void progress(PartitionScan scan) {
                progressUpdates.add(scan);
            }

            @Override
            public void match(DecodedRecord record) {
                matches.add(record);
            }
        };
        ui.supply(() -> backend().search(request, listener, c), done -> {
            matches.close();
            progressUpdates.close();
            ui.onFx(() -> finished(c, done));
        }, failure -> {
            matches.close();
            progressUpdates.close();
            if (c == cancellation) {
                running.set(false);
                progressText.set("Search failed: " + BrowseViewModel.message(failure));
                browse.setStatus("Search failed");
            }
        });
    }

    private dev.backtrack.ui.browse.BrowseBackend backend() {
        return browse.backend();
    }

    private void finished(Cancellation c, SearchResult done) {
        if (c != cancellation) {
            return;
        }
        running.set(false);
        result.set(done);
        showProgress(done.partitions());
        progress.set(done.cancelled() ? progress.get() : 1);
        String summary = done.matches().size() + " matches in " + done.scanned() + " scanned records"
                + (done.undecodable() > 0 ? " (" + done.undecodable() + " not decodable, tested raw)" : "")
                + (done.limitReached() ? " · result limit reached" : "")
                + (done.cancelled() ? " · cancelled" : "")
                + " · " + done.elapsed().toMillis() + " ms";
        browse.setStatus(summary);
        // the table shows exactly the result (matches arrive early; this keeps its timestamp order)
        browse.rows().setAll(done.matches().stream().map(r -> dev.backtrack.ui.browse.MessageRow.of(r, false)).toList());
    }

    private void showProgress(Map<Integer, PartitionScan> scans) {
        long scanned = 0;
        long span = 0;
        StringBuilder sb = new StringBuilder();
        for (PartitionScan s : scans.values()) {
            scanned += s.position() - s.from();
            span += s.span();
            if (!sb.isEmpty()) {
                sb.append(" · ");
            }
            sb.append('p').append(s.partition()).append(": scanned ").append(s.scanned()).append(" of ").append(s.span())
                    .append(s.matched() > 0 ? " (" + s.matched() + " hits)" : "");
        }
        progress.set(span == 0 ? 1 : Math.min(1, (double) scanned / span));
        progressText.set(sb.toString());
    }

    public void cancel() {
        cancellation.cancel();
        if (running.get()) {
            running.set(false);
            progressText.set(progressText.get() + " · cancelled");
        }
    }

    public StringProperty expressionProperty() { return expression; }
    public ObjectProperty<Mode> modeProperty() { return mode; }
    public ObjectProperty<Scope> scopeProperty() { return scope; }
    public StringProperty compileErrorProperty() { return compileError; }
    public BooleanProperty runningProperty() { return running; }
    public StringProperty progressTextProperty() { return progressText; }
    public DoubleProperty progressProperty() { return progress; }
    public ObjectProperty<SearchResult> resultProperty() { return result; }
}
