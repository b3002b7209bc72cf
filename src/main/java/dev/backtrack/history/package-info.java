/**
 * Following one entity through time and across topics.
 *
 * <h2>Key history</h2>
 * {@link dev.backtrack.history.KeyHistoryFinder} lists every record of one key in a topic and time window.
 * The key is given as text, JSON (matched structurally, also inside a JSON-converter {@code payload}
 * envelope), {@code hex:} or {@code base64:} bytes ({@link dev.backtrack.history.KeySpec}). Only the partition
 * the default partitioner assigns ({@code toPositive(murmur2(key bytes)) % partitions}) is scanned unless all
 * partitions are asked for; then the result says in how many partitions the key was found. Versions are in
 * log order within a partition, partitions merged by timestamp. Each version carries a structural diff
 * ({@link dev.backtrack.history.JsonDiff}: objects by field, arrays by index) from the previous state;
 * tombstones are deletions. Debezium change events ({@link dev.backtrack.history.ChangeEvent}) are recognised
 * in JSON, JSON-converter envelopes and Avro-decoded JSON: the state is the after-image and the diff is the
 * event's own before → after.
 *
 * <h2>State as of T</h2>
 * {@link dev.backtrack.history.KeyHistory#stateAsOf} answers with the last version whose timestamp is at or
 * before T, in version order:
 * <ul>
 *   <li>a record stamped exactly at T is included (T is inclusive);</li>
 *   <li>before the first version found: no state — the key did not exist yet, or compaction/retention removed
 *       its older history (the result's notes say when a partition no longer starts at offset 0, when the
 *       topic is compacted, and when the searched range has offset gaps);</li>
 *   <li>before the searched window's start: no state, "search from an earlier time";</li>
 *   <li>after the last version: the last version, which may be a deletion (tombstone or delete event), in
 *       which case the key does not exist at T.</li>
 * </ul>
 *
 * <h2>Journey</h2>
 * {@link dev.backtrack.history.JourneyFinder} scans several topics in parallel (one assign-only consumer per
 * topic, {@link dev.backtrack.history.TopicScan}) for records that share a W3C trace id, a header value, a key
 * or a CEL match, and lays them out as one timeline with the gaps between steps, trace context
 * ({@link dev.backtrack.history.TraceContext}) and dead-letter details (redrive's parser).
 * {@link dev.backtrack.history.JourneyExport} writes a journey as a Backtrack archive.
 *
 * <p>Time windows ({@link dev.backtrack.history.TimeWindow}) are inclusive at both ends and are applied to
 * each record's own timestamp after the broker's time index chose the offsets to read.
 */
package dev.backtrack.history;
