package dev.backtrack.ui.timeline;

import dev.backtrack.browse.TopicTimeline;
import dev.backtrack.ui.detail.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * Stacked bars of record counts per time bucket, one colour per partition. Click a bar to seek to its start;
 * drag across bars to browse that time window.
 */
public final class TimelineCanvas extends Pane {
    private static final List<Color> PALETTE = List.of(Color.web("#4c8bf5"), Color.web("#f29d38"), Color.web("#3fb27f"),
            Color.web("#d9534f"), Color.web("#9b6bd6"), Color.web("#20a4b8"), Color.web("#c9a227"), Color.web("#e05fa0"));
    private static final double AXIS = 16;

    private final Canvas canvas = new Canvas();
    private TopicTimeline.Timeline timeline;
    private Color text = Color.web("#57606a");
    private boolean utc;
    private double dragStart = -1;
    private double dragNow = -1;

    public TimelineCanvas(Consumer<Instant> onSeek, BiConsumer<Instant, Instant> onWindow) {
        setId("timeline");
        getStyleClass().add("timeline");
        setPrefHeight(86);
        setMinHeight(60);
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        setOnMousePressed(e -> {
            dragStart = e.getX();
            dragNow = e.getX();
        });
        setOnMouseDragged(e -> {
            dragNow = e.getX();
            draw();
        });
        setOnMouseReleased(e -> {
            if (timeline == null || timeline.isEmpty() || dragStart < 0) {
                return;
            }
            double a = Math.min(dragStart, e.getX());
            double b = Math.max(dragStart, e.getX());
            dragStart = -1;
            dragNow = -1;
            if (b - a < 4) {
                onSeek.accept(timeline.bucketStart(bucketAt(a)));
            } else {
                onWindow.accept(timeline.bucketStart(bucketAt(a)), timeline.bucketStart(Math.min(timeline.buckets(), bucketAt(b) + 1)));
            }
            draw();
        });
    }

    public void setTimeline(TopicTimeline.Timeline timeline) {
        this.timeline = timeline;
        draw();
    }

    public void setDark(boolean dark) {
        text = dark ? Color.web("#b1bac4") : Color.web("#57606a");
        draw();
    }

    public void setUtc(boolean utc) {
        this.utc = utc;
        draw();
    }

    int bucketAt(double x) {
        int n = timeline.buckets();
        return (int) Math.max(0, Math.min(n - 1, Math.floor(x / Math.max(1, getWidth()) * n)));
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        g.setFont(Font.font(11));
        g.setFill(text);
        if (timeline == null) {
            g.fillText("Timeline: loading…", 8, h / 2);
            return;
        }
        if (timeline.isEmpty()) {
            g.fillText("Timeline: no records in " + timeline.topic(), 8, h / 2);
            return;
        }
        int n = timeline.buckets();
        long max = 1;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, timeline.total(i));
        }
        double barW = w / n;
        double plotH = h - AXIS - 4;
        for (int i = 0; i < n; i++) {
            double y = plotH + 2;
            int colour = 0;
            for (Map.Entry<Integer, long[]> e : timeline.counts().entrySet()) {
                double bh = e.getValue()[i] * plotH / max;
                g.setFill(PALETTE.get(colour++ % PALETTE.size()));
                g.fillRect(i * barW + 1, y - bh, Math.max(1, barW - 2), bh);
                y -= bh;
            }
        }
        if (dragStart >= 0 && Math.abs(dragNow - dragStart) >= 4) {
            g.setFill(Color.color(0.3, 0.55, 0.96, 0.25));
            g.fillRect(Math.min(dragStart, dragNow), 0, Math.abs(dragNow - dragStart), plotH + 2);
        }
        g.setFill(text);
        g.fillText(Timestamps.format(timeline.from().toEpochMilli(), utc), 4, h - 4);
        String right = Timestamps.format(timeline.to().toEpochMilli(), utc);
        g.fillText(right, Math.max(4, w - 7 * right.length() - 4), h - 4);
        String summary = "max " + max + " / bucket · " + timeline.counts().size() + " partitions · ~" + timeline.estimatedRecords() + " records";
        g.fillText(summary, Math.max(4, w / 2 - 3.2 * summary.length()), h - 4);
    }
}
