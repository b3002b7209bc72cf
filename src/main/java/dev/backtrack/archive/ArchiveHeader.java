package dev.backtrack.archive;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.backtrack.BacktrackVersion;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The first line of a Backtrack archive (docs/ARCHIVE-FORMAT.md): format marker and version, the source
 * cluster id, the topic(s), the time range the export asked for (either bound may be null: unbounded), when
 * it was written and by which Backtrack version.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArchiveHeader(String format, int version, String sourceCluster, List<String> topics, TimeRange timeRange,
                            Instant createdAt, String backtrackVersion) {
    public static final String FORMAT = "backtrack-archive";
    public static final int VERSION = 1;

    public ArchiveHeader {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    /** [from, to) of the export; null bounds are unbounded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimeRange(Instant from, Instant to) {
    }

    public static ArchiveHeader of(String sourceCluster, List<String> topics, Instant from, Instant to) {
        Objects.requireNonNull(topics, "topics");
        return new ArchiveHeader(FORMAT, VERSION, sourceCluster, topics, new TimeRange(from, to), Instant.now(), BacktrackVersion.get());
    }
}
