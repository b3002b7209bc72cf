package dev.backtrack.ui.browse;

import dev.backtrack.browse.Position;
import dev.backtrack.ui.common.Icons;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.apache.kafka.common.IsolationLevel;
import org.kordamp.ikonli.feather.Feather;

/**
 * Seek controls: beginning, end, offset, date-time, last N, live tail with pause; partition selector,
 * isolation toggle, previous/next page. Input errors go to {@code onError}; all actions call the view-model.
 */
public final class SeekBar extends FlowPane {
    final TextField offset = new TextField();
    final DatePicker date = new DatePicker(LocalDate.now());
    final TextField time = new TextField("00:00:00");
    final TextField lastN = new TextField("100");
    final ToggleButton live = new ToggleButton("Live", Icons.icon(Feather.RADIO));
    final ToggleButton pause = new ToggleButton("", Icons.icon(Feather.PAUSE));
    final Button next = Icons.button(Feather.CHEVRON_RIGHT, "", "Next page (Ctrl+Right / Page Down)");
    final Button previous = Icons.button(Feather.CHEVRON_LEFT, "", "Previous page (Ctrl+Left / Page Up)");

    private static Separator separator() {
        Separator s = new Separator(javafx.geometry.Orientation.VERTICAL);
        s.setPrefHeight(22);
        return s;
    }

    public SeekBar(BrowseViewModel vm, java.util.function.BooleanSupplier utc, Consumer<String> onError) {
        setId("seek-bar");
        getStyleClass().add("seek-bar");
        setHgap(6);
        setVgap(4);
        setAlignment(Pos.CENTER_LEFT);
        Button beginning = Icons.button(Feather.SKIP_BACK, "", "Seek to the beginning (Ctrl+Home)");
        beginning.setId("seek-beginning");
        beginning.setOnAction(e -> vm.seek(Position.BEGINNING));
        Button end = Icons.button(Feather.SKIP_FORWARD, "", "Seek to the end (Ctrl+End)");
        end.setId("seek-end");
        end.setOnAction(e -> vm.seek(Position.END));

        offset.setId("seek-offset");
        offset.setPromptText("offset");
        offset.setPrefColumnCount(8);
        offset.setOnAction(e -> {
            try {
                vm.seek(new Position.AtOffset(Long.parseLong(offset.getText().strip())));
            } catch (IllegalArgumentException ex) {
                onError.accept("Offset must be a whole number >= 0, not '" + offset.getText() + "'");
            }
        });
        date.setId("seek-date");
        date.setPrefWidth(150);
        time.setId("seek-time");
        time.setPrefColumnCount(7);
        time.setTooltip(new Tooltip("HH:mm:ss, local time (UTC when the UTC toggle is on)"));
        Button goTime = Icons.button(Feather.CLOCK, "", "Seek to this date and time (Ctrl+T)");
        goTime.setId("seek-time-go");
        goTime.setOnAction(e -> {
            try {
                LocalTime t = LocalTime.parse(time.getText().strip());
                ZoneId zone = utc.getAsBoolean() ? ZoneOffset.UTC : ZoneId.systemDefault();
                Instant at = date.getValue().atTime(t).atZone(zone).toInstant();
                vm.seek(new Position.AtTimestamp(at));
            } catch (DateTimeParseException | NullPointerException ex) {
                onError.accept("Time must look like 13:45:00, not '" + time.getText() + "'");
            }
        });
        lastN.setId("seek-last");
        lastN.setPrefColumnCount(5);
        lastN.setTooltip(new Tooltip("Show the last N records"));
        Button goLast = Icons.button(Feather.CORNER_DOWN_LEFT, "Last", "Show the last N records");
        goLast.setId("seek-last-go");
        Runnable last = () -> {
            try {
                vm.seek(new Position.LastN(Integer.parseInt(lastN.getText().strip())));
            } catch (IllegalArgumentException ex) {
                onError.accept("Last N must be a whole number > 0, not '" + lastN.getText() + "'");
            }
        };
        goLast.setOnAction(e -> last.run());
        lastN.setOnAction(e -> last.run());

        live.setId("live-tail");
        live.setTooltip(new Tooltip("Follow new records (Ctrl+L); the newest " + BrowseViewModel.LIVE_BUFFER + " are kept"));
        live.setOnAction(e -> {
            if (live.isSelected()) {
                vm.startTail();
            } else {
                vm.stopTail();
            }
        });
        vm.tailingProperty().addListener((o, a, b) -> live.setSelected(b));
        pause.setId("live-pause");
        pause.setTooltip(new Tooltip("Pause the live view (new records are held)"));
        pause.disableProperty().bind(vm.tailingProperty().not());
        pause.selectedProperty().addListener((o, a, b) -> vm.setTailPaused(b));
        vm.tailPausedProperty().addListener((o, a, b) -> pause.setSelected(b));

        ComboBox<Integer> partition = new ComboBox<>();
        partition.setId("partition-selector");
        partition.setPromptText("All partitions");
        partition.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer p) {
                return p == null ? "All partitions" : "Partition " + p;
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        vm.partitions().addListener((javafx.collections.ListChangeListener<Integer>) c -> {
            java.util.List<Integer> items = new java.util.ArrayList<>();
            items.add(null);
            items.addAll(vm.partitions());
            partition.getItems().setAll(items);
        });
        partition.valueProperty().addListener((o, a, b) -> {
            if (!java.util.Objects.equals(vm.partitionProperty().get(), b)) {
                vm.partitionProperty().set(b);
                vm.reload();
            }
        });
        vm.partitionProperty().addListener((o, a, b) -> partition.setValue(b));

        CheckBox committed = new CheckBox("Committed only");
        committed.setId("isolation-toggle");
        committed.setTooltip(new Tooltip("read_committed: hide aborted and still-open transactions"));
        committed.selectedProperty().addListener((o, a, b) -> {
            vm.isolationProperty().set(b ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED);
            vm.reload();
        });

        previous.setId("page-previous");
        previous.setOnAction(e -> vm.previousPage());
        previous.disableProperty().bind(Bindings.or(vm.hasPreviousProperty().not(), vm.busyProperty()));
        next.setId("page-next");
        next.setOnAction(e -> vm.nextPage());
        next.disableProperty().bind(Bindings.or(vm.hasNextProperty().not(), vm.busyProperty()));

        getChildren().setAll(beginning, end, separator(), offset,
                date, time, goTime, separator(), lastN, goLast, live, pause,
                separator(), partition, committed, previous, next);
        getChildren().forEach(n -> {
            if (n instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        });
    }
}
