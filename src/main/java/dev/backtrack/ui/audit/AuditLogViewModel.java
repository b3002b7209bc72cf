package dev.backtrack.ui.audit;

import dev.backtrack.profile.AuditLog;
import dev.backtrack.ui.common.UiExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The audit log window's state: every write Backtrack made from this machine ({@link AuditLog}), newest first,
 * narrowed by a text filter (profile, topic or action) and an outcome. The log is read off the FX thread.
 */
public final class AuditLogViewModel {
    /** Which outcomes the table shows. */
    public enum OutcomeFilter {
        ALL("All outcomes"), WRITTEN("Written"), FAILED("Failed");

        private final String label;

        OutcomeFilter(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One write, as the table shows it. */
    public record Row(Instant time, String profile, String action, String topic, String outcome, String summary) {
        public boolean failed() {
            return !"written".equals(outcome);
        }
    }

    private final AuditLog log;
    private final UiExecutor ui;
    private final ObservableList<Row> all = FXCollections.observableArrayList();
    private final FilteredList<Row> rows = new FilteredList<>(all);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<OutcomeFilter> outcome = new SimpleObjectProperty<>(OutcomeFilter.ALL);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private List<Integer> unreadable = List.of();

    public AuditLogViewModel(AuditLog log, UiExecutor ui) {
        this.log = log;
        this.ui = ui;
        filter.addListener((o, a, b) -> refilter());
        outcome.addListener((o, a, b) -> refilter());
    }

    /** Reads the log again. */
    public void load() {
        loading.set(true);
        ui.supply(log::read, contents -> {
            loading.set(false);
            List<Row> newestFirst = new ArrayList<>();
            for (AuditLog.Entry e : contents.entries()) {
                newestFirst.addFirst(new Row(e.time(), e.profile(), e.actionName(), e.topic(), e.outcome(), e.summary()));
            }
            unreadable = contents.unreadableLines();
            all.setAll(newestFirst);
            refilter();
        }, failure -> {
            loading.set(false);
            all.clear();
            status.set(failure.getMessage());
        });
    }

    private void refilter() {
        String text = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        OutcomeFilter wanted = outcome.get();
        rows.setPredicate(r -> (wanted == OutcomeFilter.ALL || (wanted == OutcomeFilter.FAILED) == r.failed())
                && (text.isEmpty() || r.profile().toLowerCase(Locale.ROOT).contains(text) || r.topic().toLowerCase(Locale.ROOT).contains(text)
                || r.action().contains(text)));
        long failed = all.stream().filter(Row::failed).count();
        status.set(all.isEmpty() && unreadable.isEmpty() ? "No write has been audited yet."
                : (rows.size() == all.size() ? all.size() + " write(s)" : rows.size() + " of " + all.size() + " write(s)")
                + (failed == 0 ? "" : " · " + failed + " failed")
                + (unreadable.isEmpty() ? "" : " · " + unreadable.size() + " line(s) of the log could not be read (line "
                + unreadable.getFirst() + " first)"));
    }

    /** The rows the filters let through, newest first. */
    public ObservableList<Row> rows() {
        return rows;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<OutcomeFilter> outcomeProperty() {
        return outcome;
    }

    /** Counts of the rows shown, failed ones, and unreadable lines; or why the log could not be read. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Where the log is kept. */
    public String file() {
        return log.file().toString();
    }
}
