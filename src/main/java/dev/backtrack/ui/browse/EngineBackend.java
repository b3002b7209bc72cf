package dev.backtrack.ui.browse;

import dev.backtrack.browse.BrowseRequest;
import dev.backtrack.browse.Browser;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.EndBound;
import dev.backtrack.browse.LiveTail;
import dev.backtrack.browse.Page;
import dev.backtrack.browse.Position;
import dev.backtrack.browse.TopicTimeline;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.TopicCatalog;
import dev.backtrack.ui.connection.TopicInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.IsolationLevel;

/**
 * {@link BrowseBackend} over the engine: {@link Browser} for pages and live tail, {@link TopicCatalog} for the
 * topic list, {@link TopicTimeline} for the timeline (on the connection's Admin, one per open connection,
 * closed with it).
 */
public final class EngineBackend implements BrowseBackend {
    private final ConnectionSettings settings;
    private final String profile;
    private final KafkaClients clients;
    private final Browser browser;
    private final Admin admin;
    private final TopicCatalog catalog;
    private final dev.backtrack.filter.SearchScan search;

    /** {@code profile} is the saved profile name used in "copy as command", or null for an ad-hoc connection. */
    public EngineBackend(ConnectionSettings settings, String profile) {
        this.settings = settings;
        this.profile = profile;
        // the process-wide prod guard: writes to protected profiles wait for an unlock, every write is audited
        this.clients = new KafkaClients(settings, dev.backtrack.profile.ProfileConnections.writeGuard());
        this.browser = new Browser(clients, new RecordDecoder(settings.registry()));
        this.admin = clients.admin();
        this.catalog = new TopicCatalog(clients);
        this.search = new dev.backtrack.filter.SearchScan(clients, browser.decoder());
    }

    /** Opens and checks the connection (lists topics once), so an unreachable cluster fails here with one sentence. */
    public static EngineBackend connect(ConnectionSettings settings, String profile) {
        EngineBackend backend = new EngineBackend(settings, profile);
        try {
            backend.topics(false);
            return backend;
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** The engine settings of this connection (bootstrap, security, registry, write protection). */
    public ConnectionSettings settings() {
        return settings;
    }

    /** The saved profile name, or null for an ad-hoc connection (command line, sandbox). */
    public String profile() {
        return profile;
    }

    /** The connection's client factory, shared by the feature views of this connection. */
    public KafkaClients clients() {
        return clients;
    }

    /** The connection's browser and decoder (registry client and schema cache included). */
    public Browser browser() {
        return browser;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public String describe() {
        return settings.bootstrapServers() + (settings.registry() == null ? "" : " · registry " + settings.registry().url());
    }

    @Override
    public List<TopicInfo> topics(boolean includeInternal) {
        List<TopicInfo> out = new ArrayList<>();
        for (dev.backtrack.kafka.TopicInfo t : catalog.topics(includeInternal)) {
            out.add(new TopicInfo(t.name(), t.partitions(), t.estimatedRecords(), t.internal()));
        }
        return out;
    }

    @Override
    public Page browse(BrowseRequest request, Cancellation cancellation) {
        return browser.read(request, cancellation);
    }

    @Override
    public Page next(Page page, Cancellation cancellation) {
        return browser.next(page, cancellation);
    }

    @Override
    public Page previous(Page page, Cancellation cancellation) {
        return browser.previous(page, cancellation);
    }

    @Override
    public TopicTimeline.Timeline timeline(String topic, int buckets, Cancellation cancellation) {
        return TopicTimeline.sample(admin, topic, buckets, cancellation);
    }

    @Override
    public AutoCloseable tail(BrowseRequest request, Consumer<List<DecodedRecord>> records, Consumer<Throwable> failure) {
        return browser.tail(request, new LiveTail.Listener() {
            @Override
            public void onBatch(List<DecodedRecord> batch) {
                records.accept(batch);
            }

            @Override
            public void onError(RuntimeException error) {
                failure.accept(error);
            }
        });
    }

    @Override
    public dev.backtrack.filter.SearchResult search(dev.backtrack.filter.SearchRequest request,
                                                    dev.backtrack.filter.SearchListener listener, Cancellation cancellation) {
        return search.run(request, listener, cancellation);
    }

    @Override
    public String commandLine(BrowseRequest r) {
        StringBuilder sb = new StringBuilder("./backtrack browse ").append(shellQuote(r.topic()));
        sb.append(profile != null ? " --profile " + shellQuote(profile) : " --bootstrap " + shellQuote(settings.bootstrapServers()));
        if (profile == null && settings.registry() != null) {
            sb.append(" --registry ").append(shellQuote(settings.registry().url()));
        }
        if (!r.partitions().isEmpty()) {
            sb.append(" -p ").append(String.join(",", r.partitions().stream().map(String::valueOf).toList()));
        }
        switch (r.position()) {
            case Position.AtOffset(long o) -> sb.append(" --from ").append(o);
            case Position.AtTimestamp(java.time.Instant t) -> sb.append(" --from-time ").append(t);
            case Position.LastN(int n) -> sb.append(" --last ").append(n);
            default -> { }
        }
        if (r.end() instanceof EndBound.BeforeTime(java.time.Instant t)) {
            sb.append(" --to-time ").append(t);
        } else if (r.end() instanceof EndBound.BeforeOffset(long o)) {
            sb.append(" --to ").append(o);
        }
        if (r.isolation() == IsolationLevel.READ_COMMITTED) {
            sb.append(" --committed");
        }
        if (r.decoders().keyFormat() != null) {
            sb.append(" --key-format ").append(r.decoders().keyFormat().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (r.decoders().valueFormat() != null) {
            sb.append(" --value-format ").append(r.decoders().valueFormat().name().toLowerCase(java.util.Locale.ROOT));
        }
        return sb.append(" --limit ").append(r.pageSize()).toString();
    }

    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9._:/@=,+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
