package dev.backtrack.ui.redrive;

import dev.backtrack.redrive.RedriveOptions;
import dev.backtrack.redrive.RedriveSelection;
import java.util.List;

/**
 * What "Send back…" is about to do, for the confirmation: the selection, how many dead letters it holds, how
 * many of them the journal says were already redriven (they are skipped), the target topic(s) and the prod
 * guard state. {@code approximate} when the counts come from a partial listing (very large or cancelled scan).
 */
public record SendPlan(RedriveSelection selection, RedriveOptions options, long count, long alreadyRedriven,
                       List<String> targets, GuardState guard, boolean approximate) {
    public SendPlan {
        targets = List.copyOf(targets);
    }

    /** e.g. "orders" or "orders, payments". */
    public String targetText() {
        return targets.isEmpty() ? "(no original topic known: choose a target topic)" : String.join(", ", targets);
    }
}
