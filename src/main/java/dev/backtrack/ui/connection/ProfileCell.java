package dev.backtrack.ui.connection;

import dev.backtrack.profile.Environment;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/** A profile in the list: colour dot, name, environment badge (PROD in red). */
public final class ProfileCell extends ListCell<ConnectionEntry> {
    @Override
    protected void updateItem(ConnectionEntry e, boolean empty) {
        super.updateItem(e, empty);
        if (empty || e == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        setText(null);
        Label name = new Label(e.name());
        name.getStyleClass().add("profile-name");
        Label badge = new Label(e.environment().name());
        badge.getStyleClass().addAll("env-badge", e.environment() == Environment.PROD ? "prod-badge" : "env-" + e.environment().name().toLowerCase());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(8, new Circle(6, colour(e)), name, spacer, badge);
        box.setAlignment(Pos.CENTER_LEFT);
        setGraphic(box);
    }

    static Color colour(ConnectionEntry e) {
        if (e.color() != null) {
            try {
                return Color.web(e.color());
            } catch (IllegalArgumentException badColour) {
                // fall through to the environment colour
            }
        }
        return switch (e.environment()) {
            case PROD -> Color.web("#d1242f");
            case TEST -> Color.web("#bf8700");
            case DEV -> Color.web("#1f883d");
        };
    }
}
