package dev.backtrack.ui.browse;

import dev.backtrack.browse.BrowseRequest;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.Page;
import dev.backtrack.browse.TopicTimeline;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.ui.connection.TopicInfo;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the browse UI needs from one open connection. The only implementation, {@link EngineBackend},
 * delegates to the engine; view-model tests may give their own. All methods block and are called off the
 * FX thread.
 */
public interface BrowseBackend extends AutoCloseable {
    /** The connection's display name (profile name). */
    String name();

    /** A short description for the status bar, e.g. bootstrap servers. */
    String describe();

    List<TopicInfo> topics(boolean includeInternal);

    Page browse(BrowseRequest request, Cancellation cancellation);

    /** The page after {@code page}. */
    Page next(Page page, Cancellation cancellation);

    /** The page before {@code page}. */
    Page previous(Page page, Cancellation cancellation);

    TopicTimeline.Timeline timeline(String topic, int buckets, Cancellation cancellation);

    /** Follows new records from the end until closed; batches arrive on a background thread. */
    AutoCloseable tail(BrowseRequest request, Consumer<List<DecodedRecord>> records, Consumer<Throwable> failure);

    /** Scans for matches with per-partition progress; cancellable. */
    dev.backtrack.filter.SearchResult search(dev.backtrack.filter.SearchRequest request, dev.backtrack.filter.SearchListener listener,
                                             Cancellation cancellation);

    /** The equivalent command line of the request (for "copy as command"). */
    String commandLine(BrowseRequest request);

    @Override
    void close();
}
