package dev.backtrack.ui.search;

import dev.backtrack.ui.common.Icons;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** Filter field (CEL or text) with its compile error inline, scope selector, search/cancel, live progress. */
public final class SearchBar extends VBox {
    private final TextField field = new TextField();

    public SearchBar(SearchViewModel vm) {
        setId("search-bar");
        setSpacing(2);
        ComboBox<SearchViewModel.Mode> mode = new ComboBox<>();
        mode.setId("search-mode");
        mode.getItems().setAll(SearchViewModel.Mode.values());
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        field.setId("search-field");
        field.setPromptText("CEL, e.g. value.status == \"FAILED\" && partition == 2   (Ctrl+F)");
        field.textProperty().bindBidirectional(vm.expressionProperty());
        field.setOnAction(e -> vm.run());
        HBox.setHgrow(field, Priority.ALWAYS);
        ComboBox<SearchViewModel.Scope> scope = new ComboBox<>();
        scope.setId("search-scope");
        scope.getItems().setAll(SearchViewModel.Scope.values());
        scope.valueProperty().bindBidirectional(vm.scopeProperty());
        scope.setTooltip(new Tooltip("Which records the search scans"));
        Button search = Icons.button(Feather.SEARCH, "Search", "Run the search (Enter)");
        search.setId("search-run");
        search.setOnAction(e -> vm.run());
        search.disableProperty().bind(Bindings.or(vm.runningProperty(), vm.compileErrorProperty().isNotNull()));
        Button cancel = Icons.button(Feather.X_SQUARE, "Cancel", "Stop the search (Esc)");
        cancel.setId("search-cancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.runningProperty().not());
        ProgressBar bar = new ProgressBar();
        bar.setId("search-progress-bar");
        bar.setPrefWidth(110);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        field.setMinWidth(160);
        for (javafx.scene.layout.Region r : java.util.List.of(mode, scope, search, cancel)) {
            r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        scope.setPrefWidth(230);
        HBox row = new HBox(6, mode, field, scope, search, cancel, bar);
        row.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.setId("search-error");
        error.getStyleClass().add("search-error");
        error.textProperty().bind(vm.compileErrorProperty());
        error.visibleProperty().bind(vm.compileErrorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        Label progress = new Label();
        progress.setId("search-progress");
        progress.getStyleClass().add("text-muted");
        progress.textProperty().bind(vm.progressTextProperty());
        progress.visibleProperty().bind(vm.progressTextProperty().isNotEmpty());
        progress.managedProperty().bind(progress.visibleProperty());
        getChildren().setAll(row, error, progress);
    }

    public void focusField() {
        field.requestFocus();
        field.selectAll();
    }
}
