package dev.backtrack.ui.connection;

import dev.backtrack.ui.browse.BrowseBackend;
import dev.backtrack.ui.browse.BrowseViewModel;
import dev.backtrack.ui.common.UiExecutor;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** One open connection: its topic list (filter, internal toggle) and the browse view-model of the open topic. */
public final class ConnectionViewModel {
    private final ConnectionEntry entry;
    private final BrowseBackend backend;
    private final UiExecutor ui;
    private final ObservableList<TopicInfo> topics = FXCollections.observableArrayList();
    private final FilteredList<TopicInfo> visibleTopics = new FilteredList<>(topics);
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty showInternal = new SimpleBooleanProperty();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty();
    private final BrowseViewModel browse;
    private final dev.backtrack.ui.search.SearchViewModel search;

    public ConnectionViewModel(ConnectionEntry entry, BrowseBackend backend, UiExecutor ui) {
        this.entry = entry;
        this.backend = backend;
        this.ui = ui;
        this.browse = new BrowseViewModel(backend, ui);
        this.search = new dev.backtrack.ui.search.SearchViewModel(browse, ui);
        filter.addListener((o, a, b) -> applyFilter());
        showInternal.addListener((o, a, b) -> refreshTopics());
    }

    private void applyFilter() {
        String f = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        visibleTopics.setPredicate(t -> f.isEmpty() || t.name().toLowerCase(Locale.ROOT).contains(f));
    }

    public void refreshTopics() {
        loading.set(true);
        boolean internal = showInternal.get();
        ui.supply(() -> backend.topics(internal), list -> {
            loading.set(false);
            error.set(null);
            topics.setAll(list);
        }, failure -> {
            loading.set(false);
            error.set(BrowseViewModel.message(failure));
        });
    }

    public TopicInfo topic(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    public List<TopicInfo> topicsSnapshot() {
        return List.copyOf(topics);
    }

    public ConnectionEntry entry() { return entry; }
    public BrowseBackend backend() { return backend; }
    public ObservableList<TopicInfo> visibleTopics() { return visibleTopics; }
    public StringProperty filterProperty() { return filter; }
    public BooleanProperty showInternalProperty() { return showInternal; }
    public BooleanProperty loadingProperty() { return loading; }
    public StringProperty errorProperty() { return error; }
    public BrowseViewModel browse() { return browse; }
    public dev.backtrack.ui.search.SearchViewModel search() { return search; }
    public UiExecutor ui() { return ui; }
}
