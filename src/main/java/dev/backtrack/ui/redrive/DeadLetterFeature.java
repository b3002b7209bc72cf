package dev.backtrack.ui.redrive;

import dev.backtrack.kafka.RawRecord;
import dev.backtrack.redrive.DeadLetter;
import dev.backtrack.redrive.DeadLetterParser;
import dev.backtrack.redrive.DeadLetterTopicNames;
import dev.backtrack.redrive.RedriveJournal;
import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.connection.BrowseSelection;
import dev.backtrack.ui.connection.ConnectionFeature;
import dev.backtrack.ui.connection.Workbench;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;

/**
 * Dead-letter triage and edit & send in every connection tab: a notice when a dead-letter (or retry) topic is
 * opened, "Dead-letter triage" and "Edit & send…" in the Actions menu, the triage view ("triage:" + topic) and
 * the editor view ("edit:" + topic + ":" + partition + ":" + offset).
 */
public final class DeadLetterFeature implements ConnectionFeature {
    private static final DeadLetterParser PARSER = new DeadLetterParser();
    private final Map<Workbench, Notice> notices = new WeakHashMap<>();

    @Override
    public Node banner(Workbench bench) {
        Notice notice = new Notice(bench);
        notices.put(bench, notice);
        return notice;
    }

    @Override
    public void topicOpened(Workbench bench, String topic) {
        Notice notice = notices.get(bench);
        if (notice != null) {
            notice.offer(DeadLetterTopicNames.isDeadLetterOrRetry(topic) ? topic : null);
        }
    }

    @Override
    public List<MenuItem> actions(Workbench bench, BrowseSelection selection) {
        MenuItem triage = new MenuItem("Dead-letter triage", Icons.icon(Feather.ALERT_TRIANGLE));
        triage.setId("action-triage");
        triage.setDisable(!isDeadLetterTopic(selection));
        triage.setOnAction(e -> openTriage(bench, selection.topic()));
        MenuItem edit = new MenuItem("Edit & send…", Icons.icon(Feather.EDIT));
        edit.setId("action-edit-send");
        RawRecord record = selection.record() == null ? null : selection.record().raw();
        edit.setDisable(record == null || !DeadLetterParser.looksLikeDeadLetter(record));
        edit.setOnAction(e -> openEditor(bench, PARSER.parse(record), () -> { }));
        return List.of(triage, edit);
    }

    /** The topic name says so, or a record in view carries dead-letter headers. */
    static boolean isDeadLetterTopic(BrowseSelection selection) {
        if (!selection.hasTopic()) {
            return false;
        }
        return DeadLetterTopicNames.isDeadLetterOrRetry(selection.topic())
                || selection.records().stream().anyMatch(r -> DeadLetterParser.looksLikeDeadLetter(r.raw()));
    }

    /** Opens (or selects) the triage view of a dead-letter topic. */
    public static void openTriage(Workbench bench, String topic) {
        TriageView view = new TriageView(bench, topic, RedriveJournal.defaultDataDir(), (letter, onSent) -> openEditor(bench, letter, onSent));
        bench.openView("triage:" + topic, "Triage " + topic, Feather.ALERT_TRIANGLE, view);
        view.start();
    }

    /** Opens (or selects) the edit & send view of one dead letter; {@code onSent} runs after it landed. */
    public static void openEditor(Workbench bench, DeadLetter letter, Runnable onSent) {
        RawRecord r = letter.record();
        EditSendView view = new EditSendView(bench, letter, RedriveJournal.defaultDataDir(), onSent);
        bench.openView("edit:" + r.topic() + ":" + r.partition() + ":" + r.offset(), "Edit " + r.partition() + "@" + r.offset(),
                Feather.EDIT, view);
    }

    /** "orders-dlt is a dead-letter topic — Open triage", shown above the tabs while such a topic is open. */
    private static final class Notice extends HBox {
        private final Label text = new Label();
        private String topic;

        Notice(Workbench bench) {
            super(8);
            setId("dlt-notice");
            getStyleClass().add("dlt-notice");
            setAlignment(Pos.CENTER_LEFT);
            Button open = Icons.button(Feather.ALERT_TRIANGLE, "Open triage", "Group the dead letters by exception and send them back");
            open.setId("dlt-notice-open");
            open.setOnAction(e -> openTriage(bench, topic));
            Button close = Icons.button(Feather.X, "", "Hide this notice");
            close.setId("dlt-notice-close");
            close.getStyleClass().add("flat");
            close.setOnAction(e -> offer(null));
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            text.setId("dlt-notice-text");
            getChildren().setAll(Icons.icon(Feather.INBOX), text, open, spacer, close);
            offer(null);
        }

        void offer(String deadLetterTopic) {
            topic = deadLetterTopic;
            boolean show = deadLetterTopic != null;
            if (show) {
                text.setText(deadLetterTopic + " is a dead-letter topic: see its failures grouped by exception, then fix and send them back.");
            }
            setVisible(show);
            setManaged(show);
        }
    }
}
