package dev.backtrack.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a replay (or its dry-run) did, printed as JSON by the CLI and saved (without payloads) to the audit
 * log. {@code expectedChecksum} is computed while sending over the records as written (key, value, headers
 * after the policy, timestamp after the policy); {@code verifiedChecksum} over the same partitions read back
 * from the target (when verification ran). Checksums are order-independent sums; each target partition also
 * has an order-sensitive one. {@code duplicates} (verify only, with provenance headers): extra copies on the
 * target of records this replay had already written, i.e. what a resumed idempotent run wrote again (its
 * overlap); they are left out of the verified figures. Zero after any exactly-once run.
 * {@code landedWithoutAcknowledgement} (verify only, with provenance headers, idempotent runs whose records timed out):
 * how many records that failed for want of an acknowledgement in time were found on the target all the same. They
 * count as written, not as failed, and are left out of the per-partition figures, which compare what was
 * acknowledged with what was read back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayReport(String replayId, String status, boolean dryRun, Map<String, Object> plan, List<String> warnings,
                           String sourceCluster, String targetCluster, String targetTopic, boolean targetCreated,
                           List<SourcePartition> sources, List<TargetPartitionReport> targets,
                           long read, long matched, long sent, long written, long failed, List<SendFailure> failures,
                           String expectedChecksum, String verifiedChecksum, Boolean verified, Long duplicates,
                           Long landedWithoutAcknowledgement, Resume resume, Preview preview, Map<String, Integer> schemaMappings,
                           long durationMs, double recordsPerSecond) {
    public static final String COMPLETED = "completed";
    public static final String CANCELLED = "cancelled";
    public static final String DRY_RUN = "dry-run";

    /** A report without the figures of a read-back (nothing was read back). */
    public ReplayReport(String replayId, String status, boolean dryRun, Map<String, Object> plan, List<String> warnings,
                        String sourceCluster, String targetCluster, String targetTopic, boolean targetCreated,
                        List<SourcePartition> sources, List<TargetPartitionReport> targets,
                        long read, long matched, long sent, long written, long failed, List<SendFailure> failures,
                        String expectedChecksum, String verifiedChecksum, Boolean verified, Resume resume,
                        Preview preview, Map<String, Integer> schemaMappings, long durationMs, double recordsPerSecond) {
        this(replayId, status, dryRun, plan, warnings, sourceCluster, targetCluster, targetTopic, targetCreated, sources, targets,
                read, matched, sent, written, failed, failures, expectedChecksum, verifiedChecksum, verified, null, null, resume,
                preview, schemaMappings, durationMs, recordsPerSecond);
    }

    /** Per source partition: the range read, records read, records passing the filter, records written. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SourcePartition(int partition, Long from, Long to, long read, long matched, long written) {
    }

    /** Per target partition: count and offsets written, checksum as sent, and as read back. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetPartitionReport(int partition, long written, Long firstOffset, Long lastOffset, String checksum,
                                        Long verifiedCount, String verifiedChecksum, Boolean match) {
    }

    /**
     * A resumed run: {@code recovered} records of this replay found on the target after the checkpoint and
     * counted as done (exactly-once), {@code overlap} records written again (idempotent mode's bounded overlap).
     */
    public record Resume(long recovered, long overlap, String note) {
    }

    /** Dry-run details: first/last record per source partition as it would be written, header changes, target distribution. */
    public record Preview(Map<Integer, RecordPreview> first, Map<Integer, RecordPreview> last, Map<String, Long> headersDropped,
                          Map<String, Long> headersAdded, Map<Integer, Long> perTargetPartition) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecordPreview(String source, long timestamp, long targetTimestamp, Integer targetPartition, Integer keyBytes,
                                Integer valueBytes, List<String> headers, List<String> targetHeaders) {
    }
}
