package dev.backtrack.ui.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.history.FieldChange;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A structural diff as rows a person reads: "+ path  value" (added, green), "− path  value" (removed, red),
 * "~ path  old → new" (changed, old struck through). Long values are cut, the full text is in the tooltip.
 */
final class DiffList extends VBox {
    private static final int MAX_VALUE_CHARS = 160;

    DiffList() {
        setSpacing(3);
        setPadding(new Insets(6));
        getStyleClass().add("history-diff");
    }

    void show(List<FieldChange> changes, String emptyText) {
        getChildren().clear();
        if (changes.isEmpty()) {
            Label none = new Label(emptyText);
            none.getStyleClass().add("text-muted");
            getChildren().add(none);
            return;
        }
        for (FieldChange c : changes) {
            getChildren().add(row(c));
        }
    }

    private static HBox row(FieldChange c) {
        String kind = switch (c.kind()) {
            case ADDED -> "added";
            case REMOVED -> "removed";
            case CHANGED -> "changed";
        };
        Label sign = new Label(switch (c.kind()) {
            case ADDED -> "+";
            case REMOVED -> "−";
            case CHANGED -> "~";
        });
        sign.getStyleClass().addAll("diff-sign", "diff-" + kind);
        sign.setMinWidth(14);
        Label path = new Label(c.path().isEmpty() ? "(whole value)" : c.path());
        path.getStyleClass().add("diff-path");
        path.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        FlowPane values = new FlowPane(6, 2);
        values.setAlignment(Pos.CENTER_LEFT);
        switch (c.kind()) {
            case ADDED -> values.getChildren().add(value(c.newValue(), "diff-new"));
            case REMOVED -> values.getChildren().add(value(c.oldValue(), "diff-old"));
            case CHANGED -> {
                Label arrow = new Label("→");
                arrow.getStyleClass().add("text-muted");
                values.getChildren().addAll(value(c.oldValue(), "diff-old"), arrow, value(c.newValue(), "diff-new"));
            }
        }
        HBox row = new HBox(8, sign, path, values);
        row.setAlignment(Pos.TOP_LEFT);
        row.getStyleClass().addAll("diff-row", "diff-row-" + kind);
        HBox.setHgrow(values, javafx.scene.layout.Priority.ALWAYS);
        return row;
    }

    private static Label value(JsonNode node, String style) {
        String text = node == null ? "null" : node.toString();
        Label label = new Label(text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS - 1) + "…" : text);
        label.getStyleClass().addAll("diff-value", style);
        label.setWrapText(true);
        if (text.length() > MAX_VALUE_CHARS) {
            label.setTooltip(new javafx.scene.control.Tooltip(text));
        }
        return label;
    }
}
