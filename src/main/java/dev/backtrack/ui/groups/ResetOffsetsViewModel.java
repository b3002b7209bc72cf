package dev.backtrack.ui.groups;

import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.GroupOffsetReset;
import dev.backtrack.kafka.OffsetReset;
import dev.backtrack.kafka.OffsetResetPlan;
import dev.backtrack.kafka.WriteRefusedException;
import dev.backtrack.ui.common.UiExecutor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The reset-offsets form of one group: topic, all or some partitions, a target, then a preview (from → to per
 * partition) that {@link #apply} writes exactly. The engine refuses to apply while the group has members and
 * the write guard refuses protected profiles; both come back as {@link #errorProperty} sentences.
 */
public final class ResetOffsetsViewModel {
    public enum Target {
        EARLIEST("Earliest"), LATEST("Latest"), OFFSET("Offset"), TIMESTAMP("Timestamp"), SHIFT("Shift by ±N");

        private final String label;

        Target(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final String groupId;
    private final GroupOffsetReset resetter;
    private final UiExecutor ui;
    private final Runnable onApplied;
    private final ObservableList<String> topics = FXCollections.observableArrayList();
    private final StringProperty topic = new SimpleStringProperty();
    private final BooleanProperty allPartitions = new SimpleBooleanProperty(true);
    private final StringProperty partitions = new SimpleStringProperty("");
    private final ObjectProperty<Target> target = new SimpleObjectProperty<>(Target.EARLIEST);
    private final StringProperty offset = new SimpleStringProperty("");
    private final ObjectProperty<Instant> time = new SimpleObjectProperty<>();
    private final StringProperty shift = new SimpleStringProperty("");
    private final ObjectProperty<OffsetResetPlan> plan = new SimpleObjectProperty<>();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty applied = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty();
    private final StringProperty message = new SimpleStringProperty();

    public ResetOffsetsViewModel(String groupId, List<String> groupTopics, GroupOffsetReset resetter, UiExecutor ui, Runnable onApplied) {
        this.groupId = groupId;
        this.resetter = resetter;
        this.ui = ui;
        this.onApplied = onApplied;
        topics.setAll(groupTopics);
        if (!groupTopics.isEmpty()) {
            topic.set(groupTopics.getFirst());
        }
        // any change of the form makes the shown plan stale: it must be previewed again before applying
        Runnable stale = () -> {
            plan.set(null);
            applied.set(false);
            message.set(null);
        };
        topic.addListener((o, a, b) -> stale.run());
        allPartitions.addListener((o, a, b) -> stale.run());
        partitions.addListener((o, a, b) -> stale.run());
        target.addListener((o, a, b) -> stale.run());
        offset.addListener((o, a, b) -> stale.run());
        time.addListener((o, a, b) -> stale.run());
        shift.addListener((o, a, b) -> stale.run());
    }

    /** Computes the plan in the background; bad input is reported without calling the engine. */
    public void preview() {
        String t = topic.get() == null ? "" : topic.get().trim();
        List<Integer> chosen;
        OffsetReset reset;
        try {
            if (t.isEmpty()) {
                throw new BacktrackException("choose a topic");
            }
            chosen = allPartitions.get() ? List.of() : parsePartitions(partitions.get());
            reset = reset();
        } catch (BacktrackException e) {
            error.set(e.getMessage());
            return;
        }
        busy.set(true);
        error.set(null);
        message.set(null);
        ui.supply(() -> resetter.preview(groupId, t, chosen, reset), p -> {
            busy.set(false);
            plan.set(p);
            long moving = p.moves().stream().filter(OffsetResetPlan.Move::changes).count();
            message.set(moving + " of " + p.moves().size() + " partition" + (p.moves().size() == 1 ? "" : "s")
                    + " would move; nothing is written until you apply");
        }, e -> {
            busy.set(false);
            error.set(GroupsViewModel.message(e));
        });
    }

    /** Writes the previewed plan, exactly; the engine checks members and the write guard. */
    public void apply() {
        OffsetResetPlan p = plan.get();
        if (p == null) {
            error.set("preview the reset first");
            return;
        }
        busy.set(true);
        error.set(null);
        ui.supply(() -> {
            resetter.apply(p);
            return p;
        }, done -> {
            busy.set(false);
            applied.set(true);
            long moved = done.moves().stream().filter(OffsetResetPlan.Move::changes).count();
            message.set("Applied: group '" + groupId + "' on " + done.topic() + " reset to " + done.reset().describe()
                    + " (" + moved + " partition" + (moved == 1 ? "" : "s") + " moved)");
            onApplied.run();
        }, e -> {
            busy.set(false);
            error.set(e instanceof WriteRefusedException ? "Refused: " + e.getMessage() : GroupsViewModel.message(e));
        });
    }

    private OffsetReset reset() {
        return switch (target.get()) {
            case EARLIEST -> new OffsetReset.ToEarliest();
            case LATEST -> new OffsetReset.ToLatest();
            case OFFSET -> {
                long n = parseLong(offset.get(), "offset");
                if (n < 0) {
                    throw new BacktrackException("the offset must be 0 or more");
                }
                yield new OffsetReset.ToOffset(n);
            }
            case TIMESTAMP -> {
                if (time.get() == null) {
                    throw new BacktrackException("choose a date and a time (HH:mm or HH:mm:ss)");
                }
                yield new OffsetReset.ToTime(time.get());
            }
            case SHIFT -> new OffsetReset.Shift(parseLong(shift.get(), "shift"));
        };
    }

    private static long parseLong(String text, String what) {
        try {
            return Long.parseLong(text == null ? "" : text.trim().replace("+", ""));
        } catch (NumberFormatException e) {
            throw new BacktrackException("the " + what + " must be a whole number, was '" + (text == null ? "" : text.trim()) + "'");
        }
    }

    /** "0,2,5-7" → [0, 2, 5, 6, 7]. */
    static List<Integer> parsePartitions(String text) {
        TreeSet<Integer> out = new TreeSet<>();
        if (text == null || text.isBlank()) {
            throw new BacktrackException("list the partitions, e.g. 0,2,5-7");
        }
        for (String part : text.split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    int from = Integer.parseInt(p.substring(0, dash).trim());
                    int to = Integer.parseInt(p.substring(dash + 1).trim());
                    if (from < 0 || to < from) {
                        throw new NumberFormatException();
                    }
                    for (int i = from; i <= to; i++) {
                        out.add(i);
                    }
                } else {
                    int n = Integer.parseInt(p);
                    if (n < 0) {
                        throw new NumberFormatException();
                    }
                    out.add(n);
                }
            } catch (NumberFormatException e) {
                throw new BacktrackException("'" + p + "' is not a partition or a range like 5-7");
            }
        }
        return new ArrayList<>(out);
    }

    /** A date and a time text ("14:00" or "14:00:30") in {@code zone}; null when either is missing or unreadable. */
    static Instant instant(LocalDate date, String timeText, ZoneId zone) {
        if (date == null || timeText == null || timeText.isBlank()) {
            return null;
        }
        try {
            return date.atTime(LocalTime.parse(timeText.trim())).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public String groupId() {
        return groupId;
    }

    public ObservableList<String> topics() {
        return topics;
    }

    public StringProperty topicProperty() {
        return topic;
    }

    public BooleanProperty allPartitionsProperty() {
        return allPartitions;
    }

    public StringProperty partitionsProperty() {
        return partitions;
    }

    public ObjectProperty<Target> targetProperty() {
        return target;
    }

    public StringProperty offsetProperty() {
        return offset;
    }

    public ObjectProperty<Instant> timeProperty() {
        return time;
    }

    public StringProperty shiftProperty() {
        return shift;
    }

    public ObjectProperty<OffsetResetPlan> planProperty() {
        return plan;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public BooleanProperty appliedProperty() {
        return applied;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
