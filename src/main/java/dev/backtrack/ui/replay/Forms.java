package dev.backtrack.ui.replay;

import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Small builders shared by the wizard's step panes: titled sections, label/field grids, bound fields, message lines. */
final class Forms {
    private Forms() {
    }

    static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("title-4", "replay-section");
        return l;
    }

    static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        l.setWrapText(true);
        return l;
    }

    /** A text field bound both ways to {@code property}. */
    static TextField field(String id, StringProperty property, String prompt, double width) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(property);
        f.setPromptText(prompt);
        if (width > 0) {
            f.setPrefColumnCount((int) (width / 8));
            f.setMaxWidth(width);
        }
        return f;
    }

    /** A red line showing {@code message} while it is not null. */
    static Label error(String id, ObservableStringValue message) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("replay-error");
        l.setWrapText(true);
        l.textProperty().bind(message);
        l.visibleProperty().bind(javafx.beans.binding.Bindings.isNotNull(message));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** A two-column grid: labels on the left, fields growing on the right. */
    static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(120);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(labels, fields);
        return g;
    }

    static void row(GridPane grid, String label, Node field) {
        int row = grid.getRowCount();
        Label l = new Label(label);
        l.getStyleClass().add("replay-field-label");
        GridPane.setValignment(l, javafx.geometry.VPos.TOP);
        l.setPadding(new Insets(4, 0, 0, 0));
        grid.add(l, 0, row);
        grid.add(field, 1, row);
    }

    /** A padded, scrollable page of a step. */
    static ScrollPane page(Node... children) {
        VBox box = new VBox(10, children);
        box.setPadding(new Insets(16, 20, 16, 20));
        box.getStyleClass().add("replay-page");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }
}
