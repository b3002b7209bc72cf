package dev.backtrack.ui.profile;

import dev.backtrack.ui.common.Icons;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ObservableMap;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/**
 * A two-column form section (right-aligned label, control with its inline error below), whose rows can be
 * shown only when they apply (e.g. the OAuth fields for OAUTHBEARER); hidden rows take no space.
 */
final class FormGrid extends VBox {
    static final double LABEL_WIDTH = 160;
    private final ObservableMap<EditorField, String> errors;

    FormGrid(ObservableMap<EditorField, String> errors) {
        super(6);
        this.errors = errors;
        getStyleClass().add("form-grid");
    }

    /** A row: label, control and (when {@code field} is given) its validation message under it. */
    Row row(String label, Node control, EditorField field) {
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        l.setWrapText(true);
        return row(l, control, field);
    }

    Row row(Label label, Node control, EditorField field) {
        VBox cell = new VBox(2, control);
        if (field != null) {
            Label error = new Label();
            error.getStyleClass().add("field-error");
            error.setId("error-" + field.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            error.textProperty().bind(Bindings.stringValueAt(errors, field));
            error.visibleProperty().bind(error.textProperty().isNotEmpty());
            error.managedProperty().bind(error.visibleProperty());
            error.setWrapText(true);
            control.getStyleClass().add("validated");
            error.textProperty().addListener((o, a, msg) -> control.pseudoClassStateChanged(INVALID, msg != null && !msg.isEmpty()));
            control.pseudoClassStateChanged(INVALID, error.getText() != null && !error.getText().isEmpty());
            cell.getChildren().add(error);
        }
        return add(label, cell);
    }

    private Row add(Label label, Node cell) {
        label.setMinWidth(LABEL_WIDTH);
        label.setPrefWidth(LABEL_WIDTH);
        label.setMaxWidth(LABEL_WIDTH);
        label.setAlignment(Pos.TOP_RIGHT);
        label.setTextAlignment(javafx.scene.text.TextAlignment.RIGHT);
        label.setPadding(new javafx.geometry.Insets(5, 0, 0, 0));
        HBox line = new HBox(12, label, cell);
        line.setAlignment(Pos.TOP_LEFT);
        HBox.setHgrow(cell, Priority.ALWAYS);
        getChildren().add(line);
        return new Row(line, label);
    }

    /** A note spanning the field column (hints and warnings). */
    Row note(Node note) {
        return add(new Label(), note);
    }

    static final javafx.css.PseudoClass INVALID = javafx.css.PseudoClass.getPseudoClass("invalid");

    /** A text field bound both ways to {@code value}. */
    static TextField text(StringProperty value, String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    static PasswordField password(StringProperty value, String id) {
        PasswordField f = new PasswordField();
        f.setId(id);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    /** A path field with a "Browse…" button opening a file chooser. */
    static HBox file(StringProperty value, String id, String title, FileChooser.ExtensionFilter... filters) {
        TextField path = text(value, id, "path of the file");
        Button browse = Icons.button(Feather.FOLDER, "", "Choose " + title);
        browse.setId(id + "-browse");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            chooser.getExtensionFilters().addAll(filters);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
            String current = value.get();
            if (current != null && !current.isBlank() && new File(current).getParentFile() != null
                    && new File(current).getParentFile().isDirectory()) {
                chooser.setInitialDirectory(new File(current).getParentFile());
            }
            File chosen = chooser.showOpenDialog(browse.getScene() == null ? null : browse.getScene().getWindow());
            if (chosen != null) {
                value.set(chosen.getAbsolutePath());
            }
        });
        HBox box = new HBox(6, path, browse);
        box.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(path, Priority.ALWAYS);
        return box;
    }

    /** The label and cell of one row, to show or hide together. */
    record Row(HBox line, Label label) {
        Row showWhen(ObservableBooleanValue condition) {
            line.visibleProperty().bind(condition);
            line.managedProperty().bind(condition);
            return this;
        }

        Row labelled(ObservableStringValue text) {
            label.textProperty().bind(text);
            return this;
        }
    }
}
