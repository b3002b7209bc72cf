package dev.backtrack.kafka;

import java.util.List;

/**
 * A previewed offset reset: per partition the committed offset now ({@code from}, null when none) and the
 * offset it will be set to. Applying a plan writes exactly these {@code to} offsets.
 */
public record OffsetResetPlan(String groupId, String topic, OffsetReset reset, List<Move> moves) {
    public OffsetResetPlan {
        moves = List.copyOf(moves);
    }

    /** One partition's move: from → to. */
    public record Move(int partition, Long from, long to) {
        public boolean changes() {
            return from == null || from != to;
        }
    }
}
