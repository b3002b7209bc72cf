package dev.backtrack.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Unique topic names per test and a one-call topic creation helper. */
public final class TestTopics {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestTopics() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }

    public static String create(String bootstrap, String prefix, int partitions) {
        return create(bootstrap, prefix, partitions, Map.of());
    }

    /**
     * Creates a topic without time retention unless {@code configs} set one: tests write records with fixed timestamps
     * (2023, 2026-01-01, …), and the broker's retention check (30 s after start, then every 5 minutes, 7 days by default)
     * would delete them under a test that happened to run at that moment.
     */
    public static String create(String bootstrap, String prefix, int partitions, Map<String, String> configs) {
        String name = unique(prefix);
        Map<String, String> all = new java.util.HashMap<>(configs);
        all.putIfAbsent("retention.ms", "-1");
        configs = all;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
            dev.backtrack.kafka.TopicCreator.awaitLeaders(admin, List.of(name), java.time.Duration.ofSeconds(60));
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("could not create topic " + name, e);
        }
        return name;
    }
}
