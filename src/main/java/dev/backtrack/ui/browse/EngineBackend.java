package dev.backtrack.ui.browse;

import dev.backtrack.BacktrackException;
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
import dev.backtrack.kafka.KafkaErrors;
import dev.backtrack.ui.connection.TopicInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * {@link BrowseBackend} over the engine: {@link Browser} for pages and live tail, {@link TopicTimeline} for
 * the timeline, the connection's Admin for the topic list. One Admin per open connection, closed with it.
 */
public final class EngineBackend implements BrowseBackend {
    private final ConnectionSettings settings;
    private final String profile;
    private final KafkaClients clients;
    private final Browser browser;
    private final Admin admin;
    private final dev.backtrack.filter.SearchScan search;

    /** {@code profile} is the saved profile name used in "copy as command", or null for an ad-hoc connection. */
    public EngineBackend(ConnectionSettings settings, String profile) {
        this.settings = settings;
        this.profile = profile;
        this.clients = new KafkaClients(settings);
        this.browser = new Browser(clients, new RecordDecoder(settings.registry()));
        this.admin = clients.admin();
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
        try {
            var names = admin.listTopics(new ListTopicsOptions().listInternal(includeInternal)).names()
                    .get(KafkaClients.API_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, TopicDescription> described = names.isEmpty() ? Map.of()
                    : admin.describeTopics(names).allTopicNames().get(KafkaClients.API_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.values().forEach(d -> d.partitions().forEach(p -> {
                earliest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.earliest());
                latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
            }));
            var starts = admin.listOffsets(earliest).all().get(KafkaClients.API_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            var ends = admin.listOffsets(latest).all().get(KafkaClients.API_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicInfo> out = new ArrayList<>();
            for (TopicDescription d : described.values()) {
                long estimate = 0;
                for (var p : d.partitions()) {
                    TopicPartition tp = new TopicPartition(d.name(), p.partition());
                    estimate += Math.max(0, ends.get(tp).offset() - starts.get(tp).offset());
                }
                out.add(new TopicInfo(d.name(), d.partitions().size(), estimate, d.isInternal()));
            }
            out.sort(java.util.Comparator.comparing(TopicInfo::name));
            return out;
        } catch (java.util.concurrent.ExecutionException e) {
            throw KafkaErrors.toBacktrack(e.getCause(), settings, null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new BacktrackException("cluster " + settings.bootstrapServers() + " did not answer within "
                    + KafkaClients.API_TIMEOUT.toSeconds() + " s; is it reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BacktrackException("interrupted while listing topics", e);
        }
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
