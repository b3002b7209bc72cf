package dev.backtrack.ui.schemas;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** "Compare versions": another version of the subject against the shown one, as a line diff. */
final class VersionDiffPane extends VBox {
    private boolean updating;

    VersionDiffPane(SchemasViewModel vm) {
        setSpacing(8);
        setPadding(new Insets(8, 0, 0, 0));
        ComboBox<Integer> base = new ComboBox<>();
        base.setId("schema-diff-base");
        base.setPromptText("version");
        Label shownVersion = new Label();
        Label summary = new Label();
        summary.setId("schema-diff-summary");
        summary.getStyleClass().add("text-muted");
        summary.textProperty().bind(vm.diffSummaryProperty());
        HBox bar = new HBox(8, new Label("Compare version"), base, shownVersion, summary);
        bar.setAlignment(Pos.CENTER_LEFT);

        vm.shownProperty().addListener((o, a, v) -> {
            updating = true;
            try {
                base.getItems().setAll(v == null ? java.util.List.of() : v.versions());
                base.setValue(vm.diffBaseProperty().get());
                shownVersion.setText(v == null ? "" : "with the shown version " + v.version());
            } finally {
                updating = false;
            }
        });
        vm.diffBaseProperty().addListener((o, a, b) -> {
            updating = true;
            base.setValue(b);
            updating = false;
        });
        base.valueProperty().addListener((o, a, b) -> {
            if (!updating) {
                vm.compareWith(b);
            }
        });

        ListView<LineDiff.Line> lines = new ListView<>(vm.diff());
        lines.setId("schema-diff");
        lines.getStyleClass().add("schema-diff");
        lines.setPlaceholder(new Label("Pick a version to see what changed between it and the shown version"));
        lines.setCellFactory(l -> new LineCell());
        lines.setFixedCellSize(20);
        // open at the first change: schemas are long and a change is often near the end
        vm.diff().addListener((javafx.collections.ListChangeListener<LineDiff.Line>) c -> {
            for (int i = 0; i < vm.diff().size(); i++) {
                if (vm.diff().get(i).kind() != LineDiff.Kind.SAME) {
                    int first = Math.max(0, i - 3);
                    // after the list's skin has taken the new items in, else the scroll is lost
                    javafx.application.Platform.runLater(() -> lines.scrollTo(first));
                    return;
                }
            }
        });
        VBox.setVgrow(lines, Priority.ALWAYS);
        getChildren().setAll(bar, lines);
    }

    /** "  12  14  + text" with the line numbers of both sides, coloured by kind. */
    private static final class LineCell extends ListCell<LineDiff.Line> {
        @Override
        protected void updateItem(LineDiff.Line line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll("diff-line-added", "diff-line-removed");
            if (empty || line == null) {
                setText(null);
                return;
            }
            String sign = switch (line.kind()) {
                case ADDED -> "+";
                case REMOVED -> "-";
                case SAME -> " ";
            };
            setText(String.format("%4s %4s %s %s", line.oldNumber() == null ? "" : line.oldNumber(),
                    line.newNumber() == null ? "" : line.newNumber(), sign, line.text()));
            if (line.kind() != LineDiff.Kind.SAME) {
                getStyleClass().add(line.kind() == LineDiff.Kind.ADDED ? "diff-line-added" : "diff-line-removed");
            }
        }
    }
}
