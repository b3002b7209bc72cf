package dev.backtrack.ui.profile;

import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * Asks for the passphrase of the encrypted secret file (used where no OS keychain works). When the file is
 * being created the passphrase is typed twice and OK stays disabled until both match. Returns the typed
 * passphrase, empty when cancelled; the fields are cleared when the dialog closes.
 */
final class PassphraseDialog {
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final PasswordField passphrase = new PasswordField();
    private final PasswordField repeat = new PasswordField();

    PassphraseDialog(Window owner, boolean creating) {
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.initModality(Modality.APPLICATION_MODAL);
        dialog.setTitle("Encrypted secrets");
        dialog.setHeaderText(creating ? "Choose a passphrase for your secrets" : "Passphrase for your secrets");
        dialog.getDialogPane().setId("passphrase-dialog");
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);

        Label explain = new Label(creating
                ? "No OS keychain is available, so Backtrack keeps passwords in a file encrypted with a passphrase."
                        + " Choose one; it is asked once per session and cannot be recovered."
                : "No OS keychain is available: Backtrack's passwords are in a file encrypted with a passphrase."
                        + " It is asked once per session.");
        explain.setId("passphrase-explain");
        explain.setWrapText(true);
        explain.setPrefWidth(420);
        explain.setMinHeight(Region.USE_PREF_SIZE);
        passphrase.setId("passphrase-field");
        passphrase.setPromptText(creating ? "New passphrase" : "Passphrase");
        VBox content = new VBox(8, explain, passphrase);

        Button ok = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("passphrase-ok");
        dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("passphrase-cancel");
        BooleanBinding acceptable = passphrase.textProperty().isNotEmpty();
        if (creating) {
            repeat.setId("passphrase-repeat");
            repeat.setPromptText("Repeat the passphrase");
            Label mismatch = new Label("The two passphrases differ");
            mismatch.setId("passphrase-mismatch");
            mismatch.getStyleClass().add("field-error");
            BooleanBinding differ = Bindings.createBooleanBinding(
                    () -> !repeat.getText().isEmpty() && !repeat.getText().equals(passphrase.getText()),
                    passphrase.textProperty(), repeat.textProperty());
            mismatch.visibleProperty().bind(differ); // stays managed: the dialog keeps its size when it shows
            acceptable = acceptable.and(repeat.textProperty().isEqualTo(passphrase.textProperty()));
            content.getChildren().addAll(repeat, mismatch);
        }
        ok.disableProperty().bind(acceptable.not());
        dialog.getDialogPane().setContent(content);
        dialog.setOnShown(e -> passphrase.requestFocus());
    }

    /** Closes a showing dialog as if cancelled: another dialog's answer made it unnecessary. */
    void dismiss() {
        if (dialog.isShowing()) {
            dialog.setResult(ButtonType.CANCEL);
            dialog.close();
        }
    }

    /** Shows the dialog and waits (a nested event loop on the FX thread); a fresh array, or empty when cancelled. */
    Optional<char[]> ask() {
        try {
            return dialog.showAndWait().filter(b -> b == ButtonType.OK).map(b -> passphrase.getText().toCharArray());
        } finally {
            passphrase.clear();
            repeat.clear();
        }
    }
}
