package dev.backtrack.replay;

import dev.backtrack.kafka.RawHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which headers a replayed record keeps, in their original order (duplicates kept). With {@code dropAll}
 * none are kept; otherwise, when {@code keep} globs are given only matching headers stay, and then headers
 * matching a {@code drop} glob go. Globs: {@code *} any run of characters, {@code ?} one character,
 * case-sensitive (header names are). Provenance headers are added after the policy.
 */
public record HeaderPolicy(boolean dropAll, List<String> keep, List<String> drop, boolean provenance) {
    public static final String SOURCE_HEADER = "backtrack.replay.source";
    public static final String ID_HEADER = "backtrack.replay.id";
    public static final HeaderPolicy KEEP_ALL = new HeaderPolicy(false, List.of(), List.of(), true);

    public HeaderPolicy {
        keep = List.copyOf(keep);
        drop = List.copyOf(drop);
    }

    public HeaderPolicy withProvenance(boolean on) {
        return new HeaderPolicy(dropAll, keep, drop, on);
    }

    /** Applies the policy; the list returned is new. */
    public List<RawHeader> apply(List<RawHeader> headers) {
        return compile().apply(headers);
    }

    /** A compiled policy for the hot path (patterns compiled once). */
    public Compiled compile() {
        return new Compiled(this, keep.stream().map(HeaderPolicy::glob).toList(), drop.stream().map(HeaderPolicy::glob).toList());
    }

    public record Compiled(HeaderPolicy policy, List<Pattern> keepPatterns, List<Pattern> dropPatterns) {
        public List<RawHeader> apply(List<RawHeader> headers) {
            if (policy.dropAll) {
                return new ArrayList<>(2);
            }
            if (keepPatterns.isEmpty() && dropPatterns.isEmpty()) {
                // room for the two provenance headers, so adding them never regrows the list
                List<RawHeader> all = new ArrayList<>(headers.size() + 2);
                all.addAll(headers);
                return all;
            }
            List<RawHeader> out = new ArrayList<>(headers.size() + 2);
            for (RawHeader h : headers) {
                boolean kept = keepPatterns.isEmpty() || keepPatterns.stream().anyMatch(p -> p.matcher(h.key()).matches());
                if (kept && dropPatterns.stream().noneMatch(p -> p.matcher(h.key()).matches())) {
                    out.add(h);
                }
            }
            return out;
        }
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
