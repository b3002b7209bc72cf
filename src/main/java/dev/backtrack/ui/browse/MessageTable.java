package dev.backtrack.ui.browse;

import dev.backtrack.ui.detail.Timestamps;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The virtualised, sortable message table. Columns can be hidden from the header menu (column chooser);
 * the timestamp column follows the local/UTC toggle; a row whose key or value failed to decode gets an
 * error marker with the reason as tooltip, and the rest of the table is unaffected.
 */
public final class MessageTable extends TableView<MessageRow> {
    static final double VALUE_MIN_WIDTH = 200;
    /** Fits "2026-11-20 23:58:54.184Z" in the table's 13 px font (app.css). */
    private static final double TIMESTAMP_WIDTH = 196;
    private final BooleanProperty utc = new SimpleBooleanProperty();

    public MessageTable(ObservableList<MessageRow> rows) {
        setId("message-table");
        SortedList<MessageRow> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        setTableMenuButtonVisible(true);
        setPlaceholder(new Label("Open a topic on the left to see its records"));
        getStyleClass().addAll("message-table", atlantafx.base.theme.Styles.DENSE, atlantafx.base.theme.Styles.STRIPED);

        TableColumn<MessageRow, Boolean> err = new TableColumn<>("!");
        err.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().hasError()));
        err.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Boolean item, boolean empty) {
                super.updateItem(item, empty);
                MessageRow row = getTableRow() == null ? null : getTableRow().getItem();
                if (empty || row == null || !row.hasError()) {
                    setGraphic(null);
                    setTooltip(null);
                } else {
                    FontIcon icon = new FontIcon(Feather.ALERT_TRIANGLE);
                    icon.getStyleClass().add("error-marker");
                    setGraphic(icon);
                    setTooltip(new Tooltip(row.error()));
                }
            }
        });
        err.setPrefWidth(26);
        err.setId("col-error");
        TableColumn<MessageRow, Integer> partition = column("P", MessageRow::partition, 34);
        partition.setId("col-partition");
        TableColumn<MessageRow, Long> offset = column("Offset", MessageRow::offset, 70);
        TableColumn<MessageRow, Long> time = column("Timestamp", MessageRow::timestamp, TIMESTAMP_WIDTH);
        time.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : Timestamps.format(item, utc.get()));
            }
        });
        utc.addListener((o, a, b) -> refresh());
        TableColumn<MessageRow, String> key = column("Key", MessageRow::keyText, 96);
        TableColumn<MessageRow, String> value = column("Value", MessageRow::valuePreview, 420);
        TableColumn<MessageRow, Integer> headers = column("Headers", MessageRow::headerCount, 64);
        TableColumn<MessageRow, Integer> size = column("Size", MessageRow::size, 60);
        TableColumn<MessageRow, String> format = column("Format", MessageRow::format, 90);
        getColumns().setAll(java.util.List.of(err, partition, offset, time, key, value, headers, size, format));
        // the value preview is what people read: it takes the width the others leave; headers count, size and
        // format start hidden (the column chooser, top right, shows them) so previews stay readable beside the detail pane
        headers.setVisible(false);
        size.setVisible(false);
        format.setVisible(false);
        FillColumn.install(this, value, VALUE_MIN_WIDTH);
        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(MessageRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("decode-error"), !empty && item != null && item.hasError());
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("aborted"), !empty && item != null && item.aborted());
            }
        });
    }

    private static <T> TableColumn<MessageRow, T> column(String title, Function<MessageRow, T> getter, double width) {
        TableColumn<MessageRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(getter.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setId("col-" + title.toLowerCase(java.util.Locale.ROOT));
        return c;
    }

    /** A column by its id ({@code col-value}, {@code col-format}, …), for layout checks. */
    public TableColumn<MessageRow, ?> column(String id) {
        return getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow();
    }

    public BooleanProperty utcProperty() {
        return utc;
    }
}
