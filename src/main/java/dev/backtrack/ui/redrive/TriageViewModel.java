package dev.backtrack.ui.redrive;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.redrive.DeadLetter;
import dev.backtrack.redrive.DeadLetterReader;
import dev.backtrack.redrive.RedriveJournal;
import dev.backtrack.redrive.RedriveOptions;
import dev.backtrack.redrive.RedriveSelection;
import dev.backtrack.redrive.Triage;
import dev.backtrack.redrive.TriageGroup;
import dev.backtrack.ui.common.UiExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.apache.kafka.common.TopicPartition;

/**
 * The triage of one dead-letter topic: scans it in the background (progress, cancel) through the redrive
 * engine, groups the dead letters by exception + message pattern, original topic or time (all three are
 * counted in one pass, so switching is instant), lists the dead letters of the selected groups with what the
 * redrive journal says about them, and turns a selection into a {@link SendPlan}. All properties change on
 * the FX thread ({@link UiExecutor}).
 */
public final class TriageViewModel implements AutoCloseable {
    /** At most this many dead letters are kept for listing; groups and counts always cover the whole topic. */
    public static final int LETTER_LIMIT = 20_000;
    private static final long PROGRESS_NANOS = 100_000_000L;

    private final KafkaClients clients;
    private final UiExecutor ui;
    private final String topic;
    private final Path dataDir;
    private final ObjectProperty<Triage.GroupBy> groupBy = new SimpleObjectProperty<>(Triage.GroupBy.EXCEPTION);
    private final ObservableList<TriageGroup> groups = FXCollections.observableArrayList();
    private final ObservableList<LetterRow> letters = FXCollections.observableArrayList();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty();
    private volatile Triage.GroupBy scanGroupBy = Triage.GroupBy.EXCEPTION;
    private Cancellation cancellation;
    private int generation;
    private Scan scan;
    private RedriveJournal journal;
    private List<TriageGroup> selectedGroups = List.of();

    public TriageViewModel(KafkaClients clients, UiExecutor ui, String topic, Path dataDir) {
        this.clients = clients;
        this.ui = ui;
        this.topic = topic;
        this.dataDir = dataDir;
        groupBy.addListener((o, a, by) -> {
            scanGroupBy = by;
            selectedGroups = List.of();
            letters.clear();
            if (scan != null) {
                groups.setAll(scan.groups.get(by));
            }
        });
    }

    /** A dead letter kept for listing with its group key under each grouping. */
    private record Keyed(DeadLetter letter, Map<Triage.GroupBy, String> keys) {
    }

    /** The outcome of one scan of the topic. */
    private record Scan(Map<Triage.GroupBy, List<TriageGroup>> groups, Map<String, String> causes, List<Keyed> letters,
                        long read, boolean truncated, boolean cancelled, RedriveJournal journal) {
    }

    private record Progress(int generation, long read, long expected, List<TriageGroup> groups) {
    }

    /** (Re)reads the whole dead-letter topic; a running scan is cancelled first. */
    public void load() {
        if (cancellation != null) {
            cancellation.cancel();
        }
        Cancellation c = new Cancellation();
        cancellation = c;
        int gen = ++generation;
        loading.set(true);
        error.set(null);
        progress.set(-1);
        status.set("Reading " + topic + "…");
        ui.supply(() -> scan(c, gen), s -> finish(gen, s), e -> {
            if (gen == generation) {
                loading.set(false);
                error.set(e.getMessage() == null ? e.toString() : e.getMessage());
                status.set("Could not read " + topic);
            }
        });
    }

    /** Stops a running scan; what was read so far stays (marked partial). */
    public void cancel() {
        if (cancellation != null) {
            cancellation.cancel();
        }
    }

    private Scan scan(Cancellation c, int gen) {
        long expected = expectedRecords();
        Map<Triage.GroupBy, Triage> triages = new EnumMap<>(Triage.GroupBy.class);
        for (Triage.GroupBy by : Triage.GroupBy.values()) {
            triages.put(by, new Triage(by));
        }
        List<Keyed> kept = new ArrayList<>();
        Map<String, String> causes = new java.util.HashMap<>();
        boolean[] truncated = {false};
        long[] read = {0};
        long[] lastShown = {System.nanoTime()};
        DeadLetterReader.ReadSummary summary = new DeadLetterReader(clients).read(topic, List.of(), l -> true, batch -> {
            triages.values().forEach(t -> t.add(batch));
            for (DeadLetter letter : batch) {
                String exceptionKey = triages.get(Triage.GroupBy.EXCEPTION).keyOf(letter);
                causes.putIfAbsent(exceptionKey, new LetterRow(letter, null).cause());
                if (kept.size() < LETTER_LIMIT) {
                    Map<Triage.GroupBy, String> keys = new EnumMap<>(Triage.GroupBy.class);
                    triages.forEach((by, t) -> keys.put(by, by == Triage.GroupBy.EXCEPTION ? exceptionKey : t.keyOf(letter)));
                    kept.add(new Keyed(letter, keys));
                } else {
                    truncated[0] = true;
                }
            }
            read[0] += batch.size();
            // on the reading thread, at most every PROGRESS_NANOS: one FX update per interval, never per record
            if (System.nanoTime() - lastShown[0] >= PROGRESS_NANOS) {
                lastShown[0] = System.nanoTime();
                Progress p = new Progress(gen, read[0], expected, triages.get(scanGroupBy).groups());
                ui.onFx(() -> showProgress(p));
            }
        }, c);
        Map<Triage.GroupBy, List<TriageGroup>> groupsBy = new EnumMap<>(Triage.GroupBy.class);
        triages.forEach((by, t) -> groupsBy.put(by, t.groups()));
        RedriveJournal j = RedriveJournal.open(dataDir, clients.settings().name(), topic);
        return new Scan(groupsBy, Map.copyOf(causes), List.copyOf(kept), summary.read(), truncated[0], summary.cancelled(), j);
    }

    /** Records between the watermarks (an upper bound: compaction and transaction markers leave gaps). */
    private long expectedRecords() {
        try (var consumer = clients.consumer(org.apache.kafka.common.IsolationLevel.READ_UNCOMMITTED)) {
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            return tps.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
        }
    }

    private void showProgress(Progress p) {
        if (p.generation() != generation || !loading.get()) {
            return;
        }
        progress.set(p.expected() <= 0 ? -1 : Math.min(1.0, (double) p.read() / p.expected()));
        status.set("Read " + p.read() + (p.expected() > 0 ? " of about " + p.expected() : "") + " dead letters…");
        groups.setAll(p.groups());
    }

    private void finish(int gen, Scan s) {
        if (gen != generation) {
            return;
        }
        scan = s;
        journal = s.journal();
        loading.set(false);
        progress.set(1);
        groups.setAll(s.groups().get(groupBy.get()));
        Set<String> keep = new HashSet<>(selectedGroups.stream().map(TriageGroup::key).toList());
        selectGroups(groups.stream().filter(g -> keep.contains(g.key())).toList());
        status.set(s.read() + " dead letters in " + groups.size() + (groups.size() == 1 ? " group" : " groups")
                + (s.cancelled() ? " (stopped early: partial counts)" : "")
                + (s.truncated() ? "; only the first " + LETTER_LIMIT + " are listed" : ""));
    }

    /** Lists the dead letters of these groups (of the current grouping). */
    public void selectGroups(List<TriageGroup> chosen) {
        selectedGroups = List.copyOf(chosen);
        if (scan == null || chosen.isEmpty()) {
            letters.clear();
            return;
        }
        Set<String> keys = new HashSet<>(chosen.stream().map(TriageGroup::key).toList());
        Triage.GroupBy by = groupBy.get();
        List<LetterRow> rows = new ArrayList<>();
        for (Keyed k : scan.letters()) {
            if (keys.contains(k.keys().get(by))) {
                rows.add(row(k.letter()));
            }
        }
        letters.setAll(rows);
    }

    private LetterRow row(DeadLetter letter) {
        var r = letter.record();
        return new LetterRow(letter, journal == null ? null : journal.find(r.partition(), r.offset()).orElse(null));
    }

    /** Re-reads the journal (after a send) and refreshes the "redriven" marks of the listed dead letters. */
    public void refreshJournal() {
        ui.supply(() -> RedriveJournal.open(dataDir, clients.settings().name(), topic), j -> {
            journal = j;
            letters.setAll(letters.stream().map(r -> row(r.letter())).toList());
        }, e -> error.set(e.getMessage()));
    }

    /**
     * The plan for sending back the chosen dead letters (when any) or else the chosen groups; {@code targetTopic}
     * null sends each to its original topic.
     */
    public SendPlan plan(List<TriageGroup> chosenGroups, List<LetterRow> chosenLetters, String targetTopic) {
        RedriveSelection all = RedriveSelection.all(topic);
        RedriveSelection selection;
        List<DeadLetter> members = new ArrayList<>();
        long count;
        boolean approximate = scan == null || scan.truncated() || scan.cancelled();
        if (!chosenLetters.isEmpty()) {
            Set<String> coords = new HashSet<>(chosenLetters.stream().map(LetterRow::coordinates).toList());
            Predicate<DeadLetter> picked = l -> coords.contains(l.record().partition() + "@" + l.record().offset());
            selection = all.and(picked, chosenLetters.size() == 1 ? "dead letter " + chosenLetters.getFirst().coordinates()
                    : chosenLetters.size() + " chosen dead letters");
            chosenLetters.forEach(r -> members.add(r.letter()));
            count = chosenLetters.size();
            approximate = false;
        } else if (!chosenGroups.isEmpty()) {
            Triage.GroupBy by = groupBy.get();
            Set<String> keys = new LinkedHashSet<>(chosenGroups.stream().map(TriageGroup::key).toList());
            Triage triage = new Triage(by);
            selection = keys.size() == 1 ? all.andGroup(by, keys.iterator().next())
                    : all.and(l -> keys.contains(triage.keyOf(l)), keys.size() + " " + by.name().toLowerCase(java.util.Locale.ROOT) + " groups");
            count = chosenGroups.stream().mapToLong(TriageGroup::count).sum();
            if (scan != null) {
                scan.letters().stream().filter(k -> keys.contains(k.keys().get(by))).forEach(k -> members.add(k.letter()));
            }
        } else {
            throw new IllegalArgumentException("choose one or more groups or dead letters to send back");
        }
        long already = members.stream().filter(l -> journal != null
                && journal.alreadyRedriven(l.record().partition(), l.record().offset())).count();
        List<String> targets;
        if (targetTopic != null && !targetTopic.isBlank()) {
            targets = List.of(targetTopic.strip());
        } else {
            Set<String> found = new LinkedHashSet<>();
            members.forEach(l -> l.originalTopic().ifPresent(found::add));
            targets = List.copyOf(found);
        }
        RedriveOptions options = RedriveOptions.defaults()
                .withTargetTopic(targetTopic == null || targetTopic.isBlank() ? null : targetTopic.strip());
        return new SendPlan(selection, options, count, already, targets, GuardState.of(clients), approximate);
    }

    public String topic() {
        return topic;
    }

    /** The root cause class (without package) of an exception group's first dead letter; empty when unknown. */
    public String causeOf(TriageGroup group) {
        return scan == null || group.exceptionClass() == null ? "" : scan.causes().getOrDefault(group.key(), "");
    }

    public ObjectProperty<Triage.GroupBy> groupByProperty() {
        return groupBy;
    }

    public ObservableList<TriageGroup> groups() {
        return groups;
    }

    public ObservableList<LetterRow> letters() {
        return letters;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
    }

    @Override
    public void close() {
        cancel();
    }
}
