package dev.backtrack.testing;

import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.record.internal.FileLogInputStream;
import org.apache.kafka.common.record.internal.FileRecords;

/**
 * Reads a topic's record batches from the in-process brokers' log segment files, to see what only the broker sees:
 * how each batch is compressed. The brokers name their log directories through the Admin API.
 */
public final class LogBatches {
    private LogBatches() {
    }

    /** Per compression type (none, lz4, …), how many records of {@code topic} sit in batches of that type. */
    public static Map<String, Long> recordsByCompression(String bootstrap, String topic) {
        Map<String, Long> out = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var brokers = admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList();
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
                for (String dir : dirs.keySet()) {
                    File[] partitions = new File(dir).listFiles(f -> f.isDirectory() && f.getName().matches(java.util.regex.Pattern.quote(topic) + "-\\d+"));
                    for (File partition : partitions == null ? new File[0] : partitions) {
                        File[] segments = partition.listFiles(f -> f.getName().endsWith(".log"));
                        for (File segment : segments == null ? new File[0] : segments) {
                            count(segment, out);
                        }
                    }
                }
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot list the brokers' log directories", e);
        }
        return out;
    }

    private static void count(File segment, Map<String, Long> out) {
        try (FileRecords records = FileRecords.open(segment, false)) {
            for (FileLogInputStream.FileChannelRecordBatch batch : records.batches()) {
                long n = batch.nextOffset() - batch.baseOffset();
                out.merge(batch.compressionType().name, n, Long::sum);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + segment, e);
        }
    }
}
