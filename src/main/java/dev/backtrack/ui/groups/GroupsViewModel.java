package dev.backtrack.ui.groups;

import dev.backtrack.kafka.ConsumerGroups;
import dev.backtrack.kafka.GroupInfo;
import dev.backtrack.kafka.GroupLag;
import dev.backtrack.kafka.GroupSummary;
import dev.backtrack.ui.common.UiExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 * The consumer groups view's state: every group with members and lag, filtered by text and optionally by a
 * topic, and the selected group's detail (members, lag per partition). All engine calls run through
 * {@link UiExecutor#background}; a refresh that is still running makes the next one a no-op, so the
 * 5-second auto-refresh never piles up.
 */
public final class GroupsViewModel {
    /** How many refreshes of total lag the trend keeps per group. */
    static final int TREND_POINTS = 30;
    /** Groups described at the same time during a refresh (each description is a few admin calls). */
    private static final int PARALLEL_DESCRIBES = 4;

    private final ConsumerGroups groups;
    private final UiExecutor ui;
    private final ObservableList<GroupRow> rows = FXCollections.observableArrayList();
    private final FilteredList<GroupRow> visible = new FilteredList<>(rows);
    private final ObservableList<GroupLag> partitions = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final StringProperty topic = new SimpleStringProperty();
    private final StringProperty selected = new SimpleStringProperty();
    private final ObjectProperty<GroupInfo> detail = new SimpleObjectProperty<>();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty autoRefresh = new SimpleBooleanProperty(true);
    private final StringProperty error = new SimpleStringProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicLong detailGeneration = new AtomicLong();
    /** Total lag per group over the last refreshes; touched only by the refresh job (one at a time). */
    private final Map<String, Deque<Long>> trends = new HashMap<>();

    public GroupsViewModel(ConsumerGroups groups, UiExecutor ui) {
        this.groups = groups;
        this.ui = ui;
        filter.addListener((o, a, b) -> applyFilter());
        topic.addListener((o, a, b) -> applyFilter());
        selected.addListener((o, a, b) -> loadDetail(b));
    }

    private void applyFilter() {
        String text = filter.get();
        String t = topic.get();
        visible.setPredicate(r -> r.matches(text) && r.uses(t));
    }

    /** Reloads the group list and the selected group's detail; does nothing while a refresh is running. */
    public void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        busy.set(true);
        String current = selected.get();
        long generation = detailGeneration.incrementAndGet();
        ui.supply(() -> load(current), loaded -> {
            refreshing.set(false);
            busy.set(false);
            error.set(null);
            rows.setAll(loaded.rows());
            long lagging = loaded.rows().stream().filter(r -> r.totalLag() != null && r.totalLag() > 0).count();
            status.set(loaded.rows().size() + " group" + (loaded.rows().size() == 1 ? "" : "s") + " · " + lagging + " lagging");
            if (current != null && current.equals(selected.get()) && generation == detailGeneration.get()) {
                showDetail(loaded.detail());
            }
        }, e -> {
            refreshing.set(false);
            busy.set(false);
            error.set(message(e));
        });
    }

    private record Loaded(List<GroupRow> rows, GroupInfo detail) {
    }

    private Loaded load(String current) {
        List<GroupSummary> summaries = groups.list();
        List<GroupRow> out = new ArrayList<>(summaries.size());
        GroupInfo currentInfo = null;
        Semaphore slots = new Semaphore(PARALLEL_DESCRIBES);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<GroupInfo>> infos = new ArrayList<>();
            for (GroupSummary s : summaries) {
                infos.add(pool.submit(() -> {
                    slots.acquire();
                    try {
                        return groups.describe(s.groupId(), true);
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (int i = 0; i < summaries.size(); i++) {
                GroupSummary s = summaries.get(i);
                try {
                    GroupInfo info = infos.get(i).get();
                    out.add(GroupRow.of(s, info, trend(s.groupId(), info.totalLag())));
                    if (s.groupId().equals(current)) {
                        currentInfo = info;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    out.add(GroupRow.failed(s, message(e.getCause())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new dev.backtrack.BacktrackException("interrupted while reading consumer groups");
                }
            }
        }
        trends.keySet().retainAll(summaries.stream().map(GroupSummary::groupId).toList());
        return new Loaded(out, currentInfo);
    }

    private List<Long> trend(String groupId, long totalLag) {
        Deque<Long> points = trends.computeIfAbsent(groupId, g -> new ArrayDeque<>());
        points.addLast(totalLag);
        while (points.size() > TREND_POINTS) {
            points.removeFirst();
        }
        return List.copyOf(points);
    }

    private void loadDetail(String groupId) {
        long generation = detailGeneration.incrementAndGet();
        if (groupId == null) {
            showDetail(null);
            return;
        }
        ui.supply(() -> groups.describe(groupId, true), info -> {
            if (generation == detailGeneration.get()) {
                showDetail(info);
            }
        }, e -> {
            if (generation == detailGeneration.get()) {
                showDetail(null);
                error.set(message(e));
            }
        });
    }

    private void showDetail(GroupInfo info) {
        detail.set(info);
        partitions.setAll(info == null ? List.of() : info.partitions());
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The largest lag among the selected group's partitions (scale of the lag bars), at least 1. */
    public long maxPartitionLag() {
        return Math.max(1, partitions.stream().map(GroupLag::lag).filter(java.util.Objects::nonNull).mapToLong(Long::longValue).max().orElse(1));
    }

    public ObservableList<GroupRow> rows() {
        return rows;
    }

    /** The rows that pass the text filter and the topic filter. */
    public FilteredList<GroupRow> visibleRows() {
        return visible;
    }

    /** Lag per partition of the selected group. */
    public ObservableList<GroupLag> partitions() {
        return partitions;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** Only groups with offsets or assignments on this topic; null shows all. */
    public StringProperty topicProperty() {
        return topic;
    }

    /** The selected group id; setting it loads the detail. */
    public StringProperty selectedProperty() {
        return selected;
    }

    public ObjectProperty<GroupInfo> detailProperty() {
        return detail;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public BooleanProperty autoRefreshProperty() {
        return autoRefresh;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ConsumerGroups engine() {
        return groups;
    }
}
