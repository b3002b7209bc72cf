package dev.backtrack.ui.history;

import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.filter.RecordFilter;
import dev.backtrack.history.Correlation;
import dev.backtrack.history.JourneyFinder;
import dev.backtrack.history.KeyHistoryFinder;
import dev.backtrack.kafka.TopicCatalog;
import dev.backtrack.kafka.TopicInfo;
import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.connection.BrowseSelection;
import dev.backtrack.ui.connection.ConnectionFeature;
import dev.backtrack.ui.connection.Workbench;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/**
 * "History of this key" (every version of the selected record's key, with diffs and state as of T), "History
 * of a key…" (the same view with an empty form for the open topic) and "Follow this trace" (the journey of
 * the selected record's trace id or correlation id across topics).
 */
public final class HistoryFeature implements ConnectionFeature {
    @Override
    public List<MenuItem> actions(Workbench bench, BrowseSelection selection) {
        DecodedRecord record = selection.record();
        String keyText = record == null ? null : FollowTarget.keyText(record.raw().key());
        MenuItem history = new MenuItem("History of this key", Icons.icon(Feather.CLOCK));
        history.setId("action-key-history");
        history.setDisable(keyText == null || !selection.hasTopic());
        history.setOnAction(e -> openKeyHistory(bench, selection.topic(), keyText, true));

        MenuItem form = new MenuItem("History of a key…", Icons.icon(Feather.CLOCK));
        form.setId("action-key-history-form");
        form.setDisable(!selection.hasTopic());
        form.setOnAction(e -> openKeyHistory(bench, selection.topic(), keyText == null ? "" : keyText, false));

        Optional<Correlation> correlation = record == null ? Optional.empty() : FollowTarget.correlationOf(record.raw());
        MenuItem follow = new MenuItem(correlation.orElse(null) instanceof Correlation.HeaderValue h
                ? "Follow this " + h.name() : "Follow this trace", Icons.icon(Feather.GIT_COMMIT));
        follow.setId("action-follow-trace");
        follow.setDisable(correlation.isEmpty());
        follow.setOnAction(e -> openJourney(bench, correlation.orElseThrow(), record));
        return List.of(history, form, follow);
    }

    /** Opens (or selects) the history view of a key; {@code search} starts it at once. */
    public static void openKeyHistory(Workbench bench, String topic, String keyText, boolean search) {
        KeyHistoryViewModel vm = new KeyHistoryViewModel(topic, new KeyHistoryFinder(bench.clients(), bench.browser().decoder()), bench.ui());
        vm.keyProperty().set(keyText);
        KeyHistoryView view = new KeyHistoryView(vm, bench.utc(),
                v -> bench.browseAt(v.record().raw().topic(), v.record().raw().partition(), v.record().raw().offset()), search);
        String title = keyText.isEmpty() ? "History · " + topic : "History · " + shorten(keyText);
        bench.openView("history:" + topic + ":" + keyText, title, Feather.CLOCK, view);
    }

    /** Opens (or selects) the journey view of a correlation, searching a window around the record's time. */
    public static void openJourney(Workbench bench, Correlation correlation, DecodedRecord from) {
        JourneyFinder finder = new JourneyFinder(bench.clients(), bench.browser().decoder(), RecordFilter::cel);
        JourneyViewModel vm = new JourneyViewModel(finder, () -> new TopicCatalog(bench.clients()).topics(false).stream()
                .filter(t -> !t.internal()).map(TopicInfo::name).toList(), bench.name(), bench.ui());
        vm.correlationProperty().set(correlation);
        vm.anchorProperty().set(from == null ? null : Instant.ofEpochMilli(from.raw().timestamp()));
        vm.enableReplay(bench.clients());
        JourneyView[] holder = new JourneyView[1];
        JourneyView view = new JourneyView(vm, bench.utc(),
                s -> bench.browseAt(s.topic(), s.record().raw().partition(), s.record().raw().offset()),
                name -> askExportFile(holder[0], name), true);
        holder[0] = view;
        String id = switch (correlation) {
            case Correlation.TraceId t -> t.traceId();
            default -> correlation.describe();
        };
        bench.openView("journey:" + id, "Journey · " + shorten(id), Feather.GIT_COMMIT, view);
    }

    private static Path askExportFile(Node owner, String suggested) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the journey as a Backtrack archive");
        chooser.setInitialFileName(suggested);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Backtrack archive (*.jsonl)", "*.jsonl"));
        java.io.File file = chooser.showSaveDialog(owner == null || owner.getScene() == null ? null : owner.getScene().getWindow());
        return file == null ? null : file.toPath();
    }

    private static String shorten(String s) {
        return s.length() > 24 ? s.substring(0, 11) + "…" + s.substring(s.length() - 8) : s;
    }
}
