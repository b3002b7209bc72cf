package dev.backtrack.ui.groups;

import dev.backtrack.kafka.ConsumerGroups;
import dev.backtrack.kafka.GroupInfo;
import dev.backtrack.kafka.GroupLag;
import dev.backtrack.kafka.GroupOffsetReset;
import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.connection.BrowseSelection;
import dev.backtrack.ui.connection.ConnectionFeature;
import dev.backtrack.ui.connection.Workbench;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import javafx.scene.control.MenuItem;
import org.kordamp.ikonli.feather.Feather;

/**
 * Consumer groups in every connection: the fixed "Consumer groups" view, the reset-offsets form as a view tab,
 * and the "Consumer groups of this topic" action.
 */
public final class GroupsFeature implements ConnectionFeature {
    public static final String VIEW_ID = "groups";
    /** The built view of each connection (fixed views are built lazily, on first selection). */
    private final Map<Workbench, GroupsView> views = new WeakHashMap<>();

    @Override
    public List<FixedView> fixedViews(Workbench bench) {
        return List.of(new FixedView(VIEW_ID, "Consumer groups", Feather.USERS, this::build));
    }

    private GroupsView build(Workbench bench) {
        GroupsViewModel vm = new GroupsViewModel(new ConsumerGroups(bench.clients()), bench.ui());
        GroupsView view = new GroupsView(vm, info -> openReset(bench, vm, info));
        views.put(bench, view);
        return view;
    }

    @Override
    public List<MenuItem> actions(Workbench bench, BrowseSelection selection) {
        MenuItem groupsOfTopic = new MenuItem("Consumer groups of this topic", Icons.icon(Feather.USERS));
        groupsOfTopic.setId("action-groups-of-topic");
        groupsOfTopic.setDisable(!selection.hasTopic());
        groupsOfTopic.setOnAction(e -> showGroupsOf(bench, selection.topic()));
        return List.of(groupsOfTopic);
    }

    /** Selects the groups view filtered to the groups with offsets or members on {@code topic}. */
    public void showGroupsOf(Workbench bench, String topic) {
        bench.selectView(VIEW_ID);
        GroupsView view = views.get(bench);
        if (view != null) {
            view.viewModel().topicProperty().set(topic);
        }
    }

    /** The groups view of this connection, or null before it was first shown. */
    public GroupsView view(Workbench bench) {
        return views.get(bench);
    }

    private static void openReset(Workbench bench, GroupsViewModel groups, GroupInfo info) {
        List<String> topics = new ArrayList<>(info.partitions().stream().map(GroupLag::topic).distinct().toList());
        String filtered = groups.topicProperty().get();
        if (filtered != null) {
            topics.remove(filtered);
            topics.addFirst(filtered);
        }
        ResetOffsetsViewModel vm = new ResetOffsetsViewModel(info.groupId(), topics, new GroupOffsetReset(bench.clients()),
                bench.ui(), groups::refresh);
        bench.openView("reset-offsets:" + info.groupId(), "Reset " + info.groupId(), Feather.ROTATE_CCW,
                new ResetOffsetsView(vm, info.members().size(), () -> bench.utc().get()));
    }
}
