package dev.backtrack.ui.audit;

import dev.backtrack.ui.common.Icons;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javafx.beans.value.ObservableBooleanValue;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * The audit log window: every write Backtrack made from this machine, newest first, with a filter, an outcome
 * choice and the log file's place; failed jobs stand out. Timestamps follow the main window's UTC toggle.
 */
public final class AuditLogView extends VBox {
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public AuditLogView(AuditLogViewModel vm, ObservableBooleanValue utc) {
        TableView<AuditLogViewModel.Row> table = new TableView<>();
        setId("audit-log-view");
        setSpacing(6);
        setPadding(new Insets(8));

        TextField filter = new TextField();
        filter.setId("audit-filter");
        filter.setPromptText("Filter by profile, topic or action");
        filter.setPrefWidth(280);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        ComboBox<AuditLogViewModel.OutcomeFilter> outcome = new ComboBox<>();
        outcome.setId("audit-outcome");
        outcome.getItems().setAll(AuditLogViewModel.OutcomeFilter.values());
        outcome.valueProperty().bindBidirectional(vm.outcomeProperty());
        Button refresh = Icons.button(Feather.REFRESH_CW, "Refresh", "Read the audit log again");
        refresh.setId("audit-refresh");
        refresh.setOnAction(e -> vm.load());
        refresh.disableProperty().bind(vm.loadingProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label status = new Label();
        status.setId("audit-status");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(vm.statusProperty());
        HBox bar = new HBox(8, filter, outcome, refresh, spacer, status);
        bar.setAlignment(Pos.CENTER_LEFT);

        table.setId("audit-table");
        table.setItems(vm.rows());
        table.setPlaceholder(new Label("No write matches"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<AuditLogViewModel.Row, AuditLogViewModel.Row> time = new TableColumn<>("Time");
        time.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        time.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(AuditLogViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : time(row, utc.get()));
            }
        });
        time.setPrefWidth(175);
        time.setMinWidth(165);
        utc.addListener((o, a, b) -> table.refresh());
        table.getColumns().add(time);
        table.getColumns().add(column("Profile", AuditLogViewModel.Row::profile, 130));
        table.getColumns().add(column("Action", AuditLogViewModel.Row::action, 100));
        table.getColumns().add(column("Topic", AuditLogViewModel.Row::topic, 200));
        table.getColumns().add(column("Outcome", AuditLogViewModel.Row::outcome, 80));
        table.getColumns().add(column("Summary", AuditLogViewModel.Row::summary, 420));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(AuditLogViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(FAILED, !empty && row != null && row.failed());
                setTooltip(empty || row == null ? null : new Tooltip(row.summary()));
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        Label file = new Label("Kept in " + vm.file() + " (counts and verdicts only, never payloads or secrets)");
        file.setId("audit-file");
        file.getStyleClass().add("text-muted");
        getChildren().setAll(bar, table, file);
    }

    /** To the second, in local time or UTC (as the main window's toggle says). */
    static String time(AuditLogViewModel.Row row, boolean utc) {
        ZoneId zone = utc ? ZoneOffset.UTC : ZoneId.systemDefault();
        return SECONDS.format(row.time().atZone(zone)) + (utc ? "Z" : "");
    }

    private static TableColumn<AuditLogViewModel.Row, String> column(String title, java.util.function.Function<AuditLogViewModel.Row, String> value,
                                                                     double width) {
        TableColumn<AuditLogViewModel.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** Opens the window (styled like {@code owner}) and reads the log. */
    public static Stage open(Window owner, AuditLogViewModel vm, ObservableBooleanValue utc) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Audit log — Backtrack");
        Scene scene = new Scene(new AuditLogView(vm, utc), 1150, 560);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        vm.load();
        return stage;
    }
}
