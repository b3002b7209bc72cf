package dev.backtrack.ui.profile;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.ui.browse.BrowseViewModel;
import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.connection.Workbench;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * "Unlock writing": the user types the protected profile's name; the button is enabled only when it matches
 * exactly, and then the engine's guard allows writes to that profile for the rest of this run.
 *
 * <p>For other views: when a write (replay, redrive, produce, offset reset) fails with
 * {@link dev.backtrack.kafka.WriteRefusedException}, call {@link #ask(Window, Workbench)} on the FX thread and
 * retry the write if it returns true:
 * <pre>{@code
 * } catch (WriteRefusedException refused) {
 *     if (UnlockDialog.ask(view.getScene().getWindow(), bench)) { retry(); }
 * }</pre>
 * For a target other than the connection itself (a replay into another profile), pass its settings to
 * {@link #ask(Window, ConnectionSettings)}.
 */
public final class UnlockDialog {
    private UnlockDialog() {
    }

    /**
     * Asks to unlock writing to the connection of {@code bench}. Returns true when writing is allowed now
     * (the connection is not protected, was unlocked already, or the user typed the name), false when the
     * user cancelled. Blocks in a nested event loop, like every modal dialog; call it on the FX thread.
     */
    public static boolean ask(Window owner, Workbench bench) {
        return ask(owner, bench.settings());
    }

    /** Like {@link #ask(Window, Workbench)} for any write target (e.g. the target profile of a replay). */
    public static boolean ask(Window owner, ConnectionSettings target) {
        if (!target.writeProtected() || WriteUnlocks.isUnlocked(target)) {
            return true;
        }
        Optional<ButtonType> answer = dialog(owner, target).showAndWait();
        return answer.isPresent() && answer.get().getButtonData() == ButtonBar.ButtonData.OK_DONE
                && WriteUnlocks.isUnlocked(target);
    }

    /** The dialog itself (not shown): OK unlocks through the engine, so a shown dialog that closed with OK has unlocked. */
    static Dialog<ButtonType> dialog(Window owner, ConnectionSettings target) {
        String name = target.name();
        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Unlock writing to " + name);
        dialog.setHeaderText("Writing to " + name + " is locked");
        dialog.setGraphic(Icons.icon(Feather.LOCK));
        Label explain = new Label("'" + name + "' is a protected profile. Replays, redrives, produced records and"
                + " offset resets are refused until you unlock it for this run. Every write is recorded in the audit log.");
        explain.setWrapText(true);
        explain.setMaxWidth(440);
        Label prompt = new Label("Type the profile name to unlock writing:");
        Label expected = new Label(name);
        expected.getStyleClass().add("unlock-expected-name");
        TextField typed = new TextField();
        typed.setId("unlock-name");
        typed.setPromptText(name);
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setId("unlock-error");
        VBox content = new VBox(8, explain, prompt, expected, typed, error);
        content.setPadding(new Insets(4, 0, 0, 0));
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getStyleClass().add("unlock-dialog");
        ButtonType unlock = new ButtonType("Unlock writing", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(unlock, ButtonType.CANCEL);
        Node unlockButton = dialog.getDialogPane().lookupButton(unlock);
        unlockButton.setId("unlock-confirm");
        unlockButton.getStyleClass().add("danger");
        unlockButton.disableProperty().bind(typed.textProperty().isNotEqualTo(name));
        dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("unlock-cancel");
        unlockButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            try {
                WriteUnlocks.unlock(target, typed.getText());
            } catch (RuntimeException refused) {
                error.setText(BrowseViewModel.message(refused));
                e.consume();
            }
        });
        javafx.application.Platform.runLater(typed::requestFocus);
        return dialog;
    }
}
