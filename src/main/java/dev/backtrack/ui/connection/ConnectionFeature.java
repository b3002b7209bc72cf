package dev.backtrack.ui.connection;

import java.util.List;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.MenuItem;
import org.kordamp.ikonli.Ikon;

/**
 * One workflow that plugs into every connection tab (see {@link ConnectionFeatures}): fixed views next to
 * "Browse", items of the browse view's "Actions" menu and of the message table's context menu, a banner
 * above the tab, and a reaction to a topic being opened. Everything has a do-nothing default.
 */
public interface ConnectionFeature {
    /** Fixed views shown as tabs beside "Browse" (their content is built on first selection). */
    default List<FixedView> fixedViews(Workbench bench) {
        return List.of();
    }

    /** Menu items for the current selection; called each time the menu opens. Disable what does not apply. */
    default List<MenuItem> actions(Workbench bench, BrowseSelection selection) {
        return List.of();
    }

    /** A node shown above the connection's tabs (e.g. the "writing unlocked" banner), or null. */
    default Node banner(Workbench bench) {
        return null;
    }

    /** Called when a topic is opened in the browse tab (e.g. offer dead-letter triage for a DLT). */
    default void topicOpened(Workbench bench, String topic) {
    }

    /** A fixed tab: id (used as node id "view-" + id), title, icon and a builder called once, lazily. */
    record FixedView(String id, String title, Ikon icon, Function<Workbench, Node> content) {
    }
}
