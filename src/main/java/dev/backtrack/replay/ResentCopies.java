package dev.backtrack.replay;

import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds, in one target partition read in offset order, the copies a resumed idempotent replay wrote twice. A
 * replay sends each source partition in offset order, so within a target partition the source offsets of its
 * records (from the {@code backtrack.replay.source} header) only grow; a resume restarts at its checkpoint, so a
 * source offset at or below the previous one marks a resend that starts there. The earlier copies of what was
 * resent are the duplicates: the sender's figures count the later ones (the checkpoint covers only what came
 * before the resend). Memory is one entry per source partition and per resend, whatever the record count.
 */
final class ResentCopies {
    /** Per source partition (keyed by the header's {@code cluster/topic/partition/} prefix). */
    private static final class Source {
        long previous = Long.MIN_VALUE;
        final List<long[]> resends = new ArrayList<>(1); // {first source offset resent, target offset where the resend starts}
    }

    private final Map<ByteBuffer, Source> sources = new HashMap<>();
    private boolean any;

    /** First pass: notes where a resend starts. */
    void observe(RawRecord r) {
        RawHeader h = r.lastHeader(HeaderPolicy.SOURCE_HEADER);
        int slash = lastSlash(h);
        long offset = slash < 0 ? -1 : offset(h.value(), slash);
        if (offset < 0) {
            return;
        }
        Source s = sources.computeIfAbsent(ByteBuffer.wrap(h.value(), 0, slash), k -> new Source());
        if (offset <= s.previous) {
            s.resends.add(new long[] {offset, r.offset()});
            any = true;
        }
        s.previous = offset;
    }

    /** Whether {@link #observe} saw any resend (only then is a second pass needed). */
    boolean any() {
        return any;
    }

    /** Second pass: whether this record is an earlier copy of one sent again later in the partition. */
    boolean supersededLater(RawRecord r) {
        RawHeader h = r.lastHeader(HeaderPolicy.SOURCE_HEADER);
        int slash = lastSlash(h);
        long offset = slash < 0 ? -1 : offset(h.value(), slash);
        Source s = offset < 0 ? null : sources.get(ByteBuffer.wrap(h.value(), 0, slash));
        if (s == null) {
            return false;
        }
        for (long[] resend : s.resends) {
            if (r.offset() < resend[1] && offset >= resend[0]) {
                return true;
            }
        }
        return false;
    }

    private static int lastSlash(RawHeader h) {
        if (h == null || h.value() == null) {
            return -1;
        }
        byte[] v = h.value();
        for (int i = v.length - 1; i >= 0; i--) {
            if (v[i] == '/') {
                return i;
            }
        }
        return -1;
    }

    /** The decimal digits after the last slash, or -1 when they are not a plain number. */
    private static long offset(byte[] v, int slash) {
        if (slash + 1 >= v.length || v.length - slash - 1 > 18) {
            return -1;
        }
        long n = 0;
        for (int i = slash + 1; i < v.length; i++) {
            int d = v[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }
}
