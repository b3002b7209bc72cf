package dev.backtrack.ui.connection;

import dev.backtrack.browse.Browser;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.ui.common.UiExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * What a feature view (replay wizard, dead-letter triage, consumer groups, schemas, history…) gets from the
 * connection tab it lives in: the engine objects of the connection, the UI helpers, and ways to open views
 * and to jump to a record in the browse tab. Implemented by {@link ConnectionTab}; all methods on the FX thread.
 */
public interface Workbench {
    /** Display name of the connection (profile name, "sandbox", or the bootstrap for ad-hoc connections). */
    String name();

    /** The saved profile name, or null for an ad-hoc connection. */
    String profile();

    ConnectionSettings settings();

    KafkaClients clients();

    /** The connection's browser; its decoder holds the registry client and schema cache. */
    Browser browser();

    UiExecutor ui();

    /** True while timestamps are shown in UTC (the header toggle). */
    BooleanProperty utc();

    /** Shows a one-sentence error in the status bar. */
    void showError(String message);

    /** The browse tab's current selection. */
    BrowseSelection selection();

    /**
     * Opens a closable view tab in this connection, or selects it when a view with this key is open already
     * (the new content is then dropped). Keys are like "replay", "triage:orders.DLT", "history:orders:42".
     */
    void openView(String key, String title, Ikon icon, Node content);

    /** Closes the view tab with this key, if open. */
    void closeView(String key);

    /**
     * Selects a fixed view by its id (e.g. "groups", building it if needed) or an open view by its key;
     * false when there is no such view.
     */
    boolean selectView(String idOrKey);

    /** Switches to the browse tab and shows {@code topic} from this offset of this partition, selecting that record. */
    void browseAt(String topic, int partition, long offset);

    /** Refreshes the topic list (after a feature created a topic). */
    void refreshTopics();
}
