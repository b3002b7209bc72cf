package dev.backtrack.ui.groups;

import dev.backtrack.kafka.GroupLag;
import java.util.List;
import java.util.function.LongSupplier;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Polyline;

/** Table cells drawing lag: a compact bar per partition, and a sparkline of a group's total lag over refreshes. */
final class LagCells {
    private static final double BAR_WIDTH = 90;
    private static final double SPARK_WIDTH = 84;
    private static final double SPARK_HEIGHT = 16;

    private LagCells() {
    }

    /** The lag number beside a bar whose length is this partition's share of the group's largest partition lag. */
    static final class Bar<S> extends TableCell<S, GroupLag> {
        private final LongSupplier scale;
        private final Region fill = new Region();
        private final StackPane track = new StackPane(fill);
        private final Label number = new Label();
        private final HBox box = new HBox(8, number, track);

        Bar(LongSupplier scale) {
            this.scale = scale;
            track.getStyleClass().add("lag-bar-track");
            fill.getStyleClass().add("lag-bar");
            track.setMinWidth(BAR_WIDTH);
            track.setMaxWidth(BAR_WIDTH);
            track.setPrefHeight(8);
            track.setMaxHeight(8);
            StackPane.setAlignment(fill, Pos.CENTER_LEFT);
            number.setMinWidth(56);
            number.setAlignment(Pos.CENTER_RIGHT);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(GroupLag lag, boolean empty) {
            super.updateItem(lag, empty);
            if (empty || lag == null) {
                setGraphic(null);
                return;
            }
            number.setText(LagText.count(lag.lag()));
            double share = lag.lag() == null ? 0 : Math.min(1, (double) lag.lag() / scale.getAsLong());
            double width = lag.lag() != null && lag.lag() > 0 ? Math.max(2, share * BAR_WIDTH) : 0;
            fill.setMinWidth(width);
            fill.setPrefWidth(width);
            fill.setMaxWidth(width);
            setGraphic(box);
        }
    }

    /** A small line of the group's total lag over this session's refreshes, newest on the right. */
    static final class Trend<S> extends TableCell<S, List<Long>> {
        private final Polyline line = new Polyline();
        private final Pane canvas = new Pane(line);

        Trend() {
            line.getStyleClass().add("lag-trend");
            canvas.setMinSize(SPARK_WIDTH, SPARK_HEIGHT);
            canvas.setPrefSize(SPARK_WIDTH, SPARK_HEIGHT);
            canvas.setMaxSize(SPARK_WIDTH, SPARK_HEIGHT);
        }

        @Override
        protected void updateItem(List<Long> points, boolean empty) {
            super.updateItem(points, empty);
            if (empty || points == null || points.isEmpty()) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            line.getPoints().setAll(coordinates(points));
            setGraphic(canvas);
            setTooltip(new Tooltip("Total lag over the last " + points.size() + " refreshes: "
                    + LagText.count(points.getFirst()) + " → " + LagText.count(points.getLast())));
        }

        /** Points spread over the full width; the y scale runs from 0 to the largest value (lag 0 sits on the bottom). */
        private static List<Double> coordinates(List<Long> points) {
            long max = Math.max(1, points.stream().mapToLong(Long::longValue).max().orElse(1));
            int n = points.size();
            java.util.ArrayList<Double> xy = new java.util.ArrayList<>(n * 2 + 2);
            for (int i = 0; i < n; i++) {
                xy.add(n == 1 ? 0 : i * SPARK_WIDTH / (n - 1));
                xy.add(SPARK_HEIGHT - 1 - (SPARK_HEIGHT - 2) * points.get(i) / max);
            }
            if (n == 1) {
                // one refresh so far: a flat stroke at that level
                xy.add(SPARK_WIDTH);
                xy.add(xy.get(1));
            }
            return xy;
        }
    }
}
