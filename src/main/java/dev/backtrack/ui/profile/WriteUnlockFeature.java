package dev.backtrack.ui.profile;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.connection.BrowseSelection;
import dev.backtrack.ui.connection.ConnectionFeature;
import dev.backtrack.ui.connection.Workbench;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Prod guard in the desktop: a protected connection (prod or read-only profile) shows a slim "read-only"
 * bar with "Unlock writing…"; while unlocked, a red banner "Writing to X is UNLOCKED" with "Lock" stays above
 * the tabs. The Actions menu offers the same. Unprotected connections show nothing.
 */
public final class WriteUnlockFeature implements ConnectionFeature {
    @Override
    public Node banner(Workbench bench) {
        ConnectionSettings target = bench.settings();
        if (!target.writeProtected()) {
            return null;
        }
        return new Banner(bench, target);
    }

    @Override
    public List<MenuItem> actions(Workbench bench, BrowseSelection selection) {
        ConnectionSettings target = bench.settings();
        if (!target.writeProtected()) {
            return List.of();
        }
        if (WriteUnlocks.isUnlocked(target)) {
            MenuItem lock = new MenuItem("Lock writing to " + target.name(), Icons.icon(Feather.LOCK));
            lock.setId("action-lock");
            lock.setOnAction(e -> WriteUnlocks.lock(target));
            return List.of(lock);
        }
        MenuItem unlock = new MenuItem("Unlock writing…", Icons.icon(Feather.UNLOCK));
        unlock.setId("action-unlock");
        unlock.setOnAction(e -> UnlockDialog.ask(Window.getWindows().stream().filter(Window::isFocused).findFirst().orElse(null), target));
        return List.of(unlock);
    }

    /** The bar above a protected connection's tabs; follows the guard's state for this target. */
    static final class Banner extends HBox {
        private final ReadOnlyBooleanProperty unlocked;
        private final FontIcon icon = Icons.icon(Feather.LOCK);
        private final Label text = new Label();
        private final Button toggle = new Button();
        private final javafx.beans.value.ChangeListener<Boolean> follow;

        Banner(Workbench bench, ConnectionSettings target) {
            super(8);
            setId("write-banner");
            setAlignment(Pos.CENTER_LEFT);
            getStyleClass().add("write-banner");
            text.setId("write-banner-text");
            text.getStyleClass().add("write-banner-text");
            toggle.setId("write-banner-toggle");
            toggle.getStyleClass().addAll("small", "write-banner-button");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            getChildren().addAll(icon, text, spacer, toggle);
            // follows unlocks made anywhere (other views' dialogs); weakly, so a closed tab's banner can go
            unlocked = WriteUnlocks.unlockedProperty(target.name());
            follow = (o, was, now) -> show(now, target);
            unlocked.addListener(new javafx.beans.value.WeakChangeListener<>(follow));
            toggle.setOnAction(e -> {
                if (unlocked.get()) {
                    WriteUnlocks.lock(target);
                } else {
                    UnlockDialog.ask(window(), target);
                }
            });
            show(unlocked.get(), target);
        }

        private Window window() {
            return getScene() == null ? null : getScene().getWindow();
        }

        private void show(boolean isUnlocked, ConnectionSettings target) {
            getStyleClass().removeAll("write-locked", "write-unlocked");
            getStyleClass().add(isUnlocked ? "write-unlocked" : "write-locked");
            icon.setIconCode(isUnlocked ? Feather.ALERT_TRIANGLE : Feather.LOCK);
            if (isUnlocked) {
                text.setText("Writing to " + target.name() + " is UNLOCKED for this run · replays, redrives, produce and offset resets go to this cluster");
                toggle.setText("Lock");
                toggle.setGraphic(Icons.icon(Feather.LOCK));
            } else {
                text.setText(target.name() + " is read-only");
                toggle.setText("Unlock writing…");
                toggle.setGraphic(Icons.icon(Feather.UNLOCK));
            }
        }
    }
}
