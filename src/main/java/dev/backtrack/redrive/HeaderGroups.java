package dev.backtrack.redrive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The occurrences of one header family (e.g. all {@code kafka_dlt-original-*}) split into sets, in
 * record order: a set ends when a field it already has appears again. This keeps piled-up header sets
 * apart even when a field (say the consumer group) is missing from some of them.
 */
final class HeaderGroups {
    private final List<Map<String, Object>> groups = new ArrayList<>();
    private final List<Set<String>> seen = new ArrayList<>();

    /** Records that {@code field} occurred; {@code value} may be null for a malformed value. */
    void put(String field, Object value) {
        if (groups.isEmpty() || seen.getLast().contains(field)) {
            groups.add(new HashMap<>());
            seen.add(new HashSet<>());
        }
        seen.getLast().add(field);
        if (value != null) {
            groups.getLast().put(field, value);
        }
    }

    List<Map<String, Object>> groups() {
        return groups;
    }

    boolean isEmpty() {
        return groups.isEmpty();
    }

    boolean onlyHas(String field) {
        return seen.stream().allMatch(s -> s.size() == 1 && s.contains(field));
    }
}
