package dev.backtrack.replay;

import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.utils.ByteBufferOutputStream;

/**
 * How well a sample of the records to replay compresses with lz4, the codec an automatic replay would send with
 * ({@link BatchCompression}). The sample is the records a replay reads anyway before it starts (the first batch and
 * the last records of each partition), up to {@link #BUDGET} bytes of keys, values and header values, compressed as
 * Kafka's producer compresses a batch.
 */
final class Compressibility {
    static final int BUDGET = 256 * 1024;
    /** Record batch format 2, the one every current client writes. */
    private static final byte MAGIC_V2 = 2;

    private final ByteBufferOutputStream compressed = new ByteBufferOutputStream(16 * 1024);
    private OutputStream lz4;
    private final Map<Integer, Long> lastAdded = new HashMap<>();
    private long sampled;
    private Double ratio;

    /**
     * Adds a record's bytes while the budget lasts. A record at or before one already added from its partition is
     * skipped: a short partition's first batch and its last records overlap, and a repeat would compress to nothing.
     */
    void add(RawRecord record) {
        Long before = lastAdded.get(record.partition());
        if (before != null && record.offset() <= before) {
            return;
        }
        lastAdded.put(record.partition(), record.offset());
        write(record.key());
        write(record.value());
        for (RawHeader h : record.headers()) {
            write(h.value());
        }
    }

    private void write(byte[] bytes) {
        if (bytes == null || sampled >= BUDGET || ratio != null) {
            return;
        }
        int n = (int) Math.min(bytes.length, BUDGET - sampled);
        try {
            if (lz4 == null) {
                lz4 = Compression.lz4().build().wrapForOutput(compressed, MAGIC_V2);
            }
            lz4.write(bytes, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sampled += n;
    }

    /** Compressed size ÷ sampled size (ends the sample); null when nothing was sampled. */
    Double ratio() {
        if (ratio == null && sampled > 0) {
            try {
                lz4.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ratio = (double) compressed.position() / sampled;
        }
        return ratio;
    }

    long sampledBytes() {
        return sampled;
    }
}
