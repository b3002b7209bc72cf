package dev.backtrack.ui.schemas;

import dev.backtrack.BacktrackException;
import dev.backtrack.codec.CompatibilityResult;
import dev.backtrack.codec.SchemaBrowser;
import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.codec.SubjectNaming;
import dev.backtrack.ui.common.UiExecutor;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The schema browser's state: subjects (filtered), the shown subject version with its references, level
 * and the topics using it, and a compatibility check of an edited schema with the registry's messages.
 * Without a registry ({@code client == null}) {@link #available()} is false and nothing is called.
 */
public final class SchemasViewModel {
    /** A check's outcome and what it was checked against, for the result line. */
    public record Check(CompatibilityResult result, boolean againstAll, int latestVersion) {
    }

    private final SchemaRegistryClient client;
    private final SchemaBrowser browser;
    private final Supplier<Collection<String>> topicNames;
    private final UiExecutor ui;
    private final ObservableList<String> subjects = FXCollections.observableArrayList();
    private final FilteredList<String> visibleSubjects = new FilteredList<>(subjects);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<SchemaBrowser.SubjectVersion> shown = new SimpleObjectProperty<>();
    private final ObservableList<SubjectNaming.TopicUse> usedBy = FXCollections.observableArrayList();
    private final StringProperty candidate = new SimpleStringProperty("");
    private final ObjectProperty<Check> check = new SimpleObjectProperty<>();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty();
    private final AtomicLong generation = new AtomicLong();
    private final ObjectProperty<Integer> diffBase = new SimpleObjectProperty<>();
    private final ObservableList<LineDiff.Line> diff = FXCollections.observableArrayList();
    private final StringProperty diffSummary = new SimpleStringProperty("");

    /** {@code topicNames} lists the cluster's topics (for "used by"); called in the background. */
    public SchemasViewModel(SchemaRegistryClient client, Supplier<Collection<String>> topicNames, UiExecutor ui) {
        this.client = client;
        this.browser = client == null ? null : new SchemaBrowser(client);
        this.topicNames = topicNames;
        this.ui = ui;
        filter.addListener((o, a, f) -> {
            String text = f == null ? "" : f.trim().toLowerCase(java.util.Locale.ROOT);
            visibleSubjects.setPredicate(s -> text.isEmpty() || s.toLowerCase(java.util.Locale.ROOT).contains(text));
        });
    }

    public boolean available() {
        return client != null;
    }

    public String registryUrl() {
        return client == null ? null : client.url();
    }

    /** Reloads the subject list. */
    public void loadSubjects() {
        if (!available()) {
            return;
        }
        busy.set(true);
        ui.supply(browser::subjects, list -> {
            busy.set(false);
            error.set(null);
            subjects.setAll(list);
        }, this::fail);
    }

    /** Shows a subject at a version (null: latest), with its level and the topics that use it. */
    public void open(String subject, Integer version) {
        if (!available() || subject == null) {
            return;
        }
        long mine = generation.incrementAndGet();
        busy.set(true);
        ui.supply(() -> {
            SchemaBrowser.SubjectVersion v = browser.show(subject, version == null ? "latest" : String.valueOf(version));
            List<SubjectNaming.TopicUse> uses;
            try {
                uses = browser.topicsUsing(subject, topicNames.get());
            } catch (BacktrackException e) {
                // the cluster did not answer: the schema is still worth showing, without its topics
                uses = List.of();
            }
            return new Shown(v, uses);
        }, s -> {
            if (mine != generation.get()) {
                return;
            }
            busy.set(false);
            error.set(null);
            boolean otherSubject = shown.get() == null || !shown.get().subject().equals(s.version().subject());
            shown.set(s.version());
            usedBy.setAll(s.uses());
            if (otherSubject) {
                check.set(null);
                candidate.set(s.version().prettySchema());
                diffBase.set(null);
            }
            compare();
        }, e -> {
            if (mine == generation.get()) {
                fail(e);
            }
        });
    }

    private record Shown(SchemaBrowser.SubjectVersion version, List<SubjectNaming.TopicUse> uses) {
    }

    /**
     * Opens the subject version of a record's schema: by subject/version when the record says, else by its id
     * (or GUID) through the registry, preferring the topic's own {@code <topic>-key/-value} subject.
     */
    public void openSchemaOf(SchemaInfo schema, String topic, boolean key) {
        if (!available() || schema == null) {
            return;
        }
        if (schema.subject() != null && schema.version() != null) {
            open(schema.subject(), schema.version());
            return;
        }
        busy.set(true);
        ui.supply(() -> {
            int id = schema.id() != null ? schema.id() : client.getSchemaByGuid(schema.guid()).id();
            List<SchemaRegistryClient.SubjectVersionRef> refs = client.subjectVersionsOf(id);
            if (refs.isEmpty()) {
                throw new BacktrackException("schema id " + id + " is not registered under any subject at " + client.url());
            }
            String preferred = SubjectNaming.subject(SubjectNaming.Strategy.TOPIC, topic, key, null);
            return refs.stream().filter(r -> r.subject().equals(preferred)).findFirst().orElse(refs.getFirst());
        }, ref -> {
            busy.set(false);
            filter.set("");
            open(ref.subject(), ref.version());
        }, this::fail);
    }

    /** Checks the edited schema against the latest version, or all versions, as the registry judges it. */
    public void check(boolean againstAll) {
        SchemaBrowser.SubjectVersion v = shown.get();
        if (v == null) {
            error.set("select a subject first");
            return;
        }
        String text = candidate.get();
        if (text == null || text.isBlank()) {
            error.set("paste or edit a schema to check");
            return;
        }
        busy.set(true);
        ui.supply(() -> new Check(browser.check(v.subject(), text, v.type(), againstAll), againstAll,
                v.versions().isEmpty() ? v.version() : v.versions().getLast()), c -> {
            busy.set(false);
            error.set(null);
            check.set(c);
        }, this::fail);
    }

    /** Compares the shown version with another version of the subject (null clears the comparison). */
    public void compareWith(Integer otherVersion) {
        diffBase.set(otherVersion);
        compare();
    }

    private void compare() {
        SchemaBrowser.SubjectVersion v = shown.get();
        Integer base = diffBase.get();
        if (v == null || base == null) {
            diff.clear();
            diffSummary.set("Choose a version to compare with the shown one");
            return;
        }
        busy.set(true);
        ui.supply(() -> browser.show(v.subject(), String.valueOf(base)).prettySchema(), older -> {
            busy.set(false);
            if (shown.get() != v || !base.equals(diffBase.get())) {
                return;
            }
            List<LineDiff.Line> lines = LineDiff.diff(older, v.prettySchema());
            if (lines == null) {
                diff.clear();
                diffSummary.set("The schemas are too long to compare line by line (over " + LineDiff.MAX_LINES + " lines)");
                return;
            }
            diff.setAll(lines);
            long added = lines.stream().filter(l -> l.kind() == LineDiff.Kind.ADDED).count();
            long removed = lines.stream().filter(l -> l.kind() == LineDiff.Kind.REMOVED).count();
            diffSummary.set("Version " + base + " → version " + v.version() + ": " + (added + removed == 0 ? "identical"
                    : "+" + added + " / −" + removed + " lines"));
        }, this::fail);
    }

    /** Puts the shown version's schema back into the editor. */
    public void resetCandidate() {
        if (shown.get() != null) {
            candidate.set(shown.get().prettySchema());
            check.set(null);
        }
    }

    private void fail(Throwable e) {
        busy.set(false);
        error.set(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** "orders (value)", "any topic (record name strategy)"… */
    static String describe(SubjectNaming.TopicUse use) {
        String where = use.topic() == null ? "any topic" : use.topic();
        String part = use.key() == null ? "" : use.key() ? ", key" : ", value";
        String strategy = switch (use.strategy()) {
            case TOPIC -> "topic name strategy";
            case RECORD -> "record name strategy";
            case TOPIC_RECORD -> "topic-record name strategy";
        };
        return where + " (" + strategy + part + ")";
    }

    public ObservableList<String> subjects() {
        return subjects;
    }

    public FilteredList<String> visibleSubjects() {
        return visibleSubjects;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<SchemaBrowser.SubjectVersion> shownProperty() {
        return shown;
    }

    public ObservableList<SubjectNaming.TopicUse> usedBy() {
        return usedBy;
    }

    public StringProperty candidateProperty() {
        return candidate;
    }

    public ObjectProperty<Check> checkProperty() {
        return check;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** The version the shown one is compared with, or null. */
    public ObjectProperty<Integer> diffBaseProperty() {
        return diffBase;
    }

    public ObservableList<LineDiff.Line> diff() {
        return diff;
    }

    public StringProperty diffSummaryProperty() {
        return diffSummary;
    }
}
