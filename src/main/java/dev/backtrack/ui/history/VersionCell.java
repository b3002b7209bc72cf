package dev.backtrack.ui.history;

import dev.backtrack.history.KeyVersion;
import dev.backtrack.ui.detail.Timestamps;
import java.util.function.BooleanSupplier;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** One version in the timeline list: a coloured badge (value, Debezium op c/u/d/r, tombstone), time, record, change count. */
final class VersionCell extends ListCell<KeyVersion> {
    private final BooleanSupplier utc;

    VersionCell(BooleanSupplier utc) {
        this.utc = utc;
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(KeyVersion v, boolean empty) {
        super.updateItem(v, empty);
        setText(null);
        if (empty || v == null) {
            setGraphic(null);
            return;
        }
        Label dot = new Label();
        dot.getStyleClass().addAll("version-dot", VersionLabels.badgeStyle(v));
        Label kind = new Label(VersionLabels.badge(v));
        kind.getStyleClass().addAll("version-badge", VersionLabels.badgeStyle(v));
        kind.setMinWidth(Region.USE_PREF_SIZE);
        Label time = new Label(Timestamps.format(v.record().raw().timestamp(), utc.getAsBoolean()));
        time.getStyleClass().add("version-time");
        time.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(6, kind, spacer, time);
        top.setAlignment(Pos.CENTER_LEFT);
        int n = v.diff().size();
        String changes = v.deleted() ? "deleted" : n == 0 ? "no change" : n + " change" + (n == 1 ? "" : "s");
        Label where = new Label("p" + v.record().raw().partition() + " @ " + v.record().raw().offset() + " · " + changes);
        where.getStyleClass().addAll("text-muted", "version-where");
        VBox text = new VBox(2, top, where);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(8, dot, text);
        row.setAlignment(Pos.CENTER_LEFT);
        setGraphic(row);
    }
}
