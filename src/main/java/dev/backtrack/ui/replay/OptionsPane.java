package dev.backtrack.ui.replay;

import dev.backtrack.replay.BatchCompression;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Step 3: partition mapping, timestamps, headers, values, pace, delivery and compression. */
final class OptionsPane {
    private OptionsPane() {
    }

    static Node build(OptionsStep step) {
        GridPane grid = Forms.grid();
        TextField fixed = Forms.field("replay-fixed-partition", step.fixedPartitionProperty(), "0", 70);
        Forms.row(grid, "Partitions", new HBox(14,
                radio("replay-map-same", "Same number", step.mappingProperty(), OptionsStep.Mapping.SAME),
                radio("replay-map-key", "By key", step.mappingProperty(), OptionsStep.Mapping.BY_KEY),
                radio("replay-map-round-robin", "Round-robin", step.mappingProperty(), OptionsStep.Mapping.ROUND_ROBIN),
                inline(radio("replay-map-fixed", "Fixed:", step.mappingProperty(), OptionsStep.Mapping.FIXED), fixed)));
        fixed.disableProperty().bind(step.mappingProperty().isNotEqualTo(OptionsStep.Mapping.FIXED));

        TextField shift = Forms.field("replay-shift-to", step.shiftToProperty(), "2026-05-01T14:00:00Z", 220);
        shift.disableProperty().bind(step.timestampsProperty().isNotEqualTo(OptionsStep.Timestamps.SHIFT));
        Forms.row(grid, "Timestamps", new HBox(14,
                radio("replay-ts-keep", "Keep original", step.timestampsProperty(), OptionsStep.Timestamps.KEEP),
                radio("replay-ts-now", "Time of sending", step.timestampsProperty(), OptionsStep.Timestamps.NOW),
                inline(radio("replay-ts-shift", "Shift to start at", step.timestampsProperty(), OptionsStep.Timestamps.SHIFT), shift)));

        ListView<OptionsStep.HeaderChoice> headers = new ListView<>(step.headers());
        headers.setId("replay-headers");
        headers.setPrefHeight(130);
        headers.setMaxWidth(520);
        headers.setCellFactory(CheckBoxListCell.forListView(OptionsStep.HeaderChoice::keep,
                new javafx.util.StringConverter<>() {
                    @Override
                    public String toString(OptionsStep.HeaderChoice h) {
                        return h == null ? "" : h.name() + "   (" + h.seen() + "×)";
                    }

                    @Override
                    public OptionsStep.HeaderChoice fromString(String s) {
                        return null;
                    }
                }));
        // an empty checklist is only noise: the sample line says there were no headers
        headers.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(step.headers()));
        headers.managedProperty().bind(headers.visibleProperty());
        Label sample = new Label();
        sample.setId("replay-header-sample");
        sample.getStyleClass().add("text-muted");
        sample.textProperty().bind(step.headerSampleProperty());
        headers.disableProperty().bind(step.dropAllHeadersProperty());
        CheckBox dropAll = check("replay-drop-all-headers", "Drop every original header", step.dropAllHeadersProperty());
        TextField keep = Forms.field("replay-keep-globs", step.keepGlobsProperty(), "keep only (globs, e.g. tenant, x-*)", 260);
        TextField drop = Forms.field("replay-drop-globs", step.dropGlobsProperty(), "also drop (globs, e.g. trace*)", 260);
        keep.disableProperty().bind(step.dropAllHeadersProperty());
        drop.disableProperty().bind(step.dropAllHeadersProperty());
        CheckBox provenance = check("replay-provenance", "Add provenance headers (backtrack.replay.source, backtrack.replay.id)",
                step.provenanceProperty());
        Forms.row(grid, "Headers", new VBox(6, sample, headers, new HBox(8, keep, drop), dropAll, provenance));

        Forms.row(grid, "Values", check("replay-reregister",
                "Re-register schemas in the target's registry and rewrite the schema ids (default: bytes copied as they are)",
                step.reregisterProperty()));

        TextField rate = Forms.field("replay-rate", step.rateProperty(), "1000", 90);
        rate.disableProperty().bind(step.speedProperty().isNotEqualTo(OptionsStep.Speed.RATE));
        TextField speedUp = Forms.field("replay-speed-up", step.speedUpProperty(), "1", 60);
        speedUp.disableProperty().bind(step.speedProperty().isNotEqualTo(OptionsStep.Speed.ORIGINAL));
        Forms.row(grid, "Pace", new HBox(14,
                radio("replay-pace-fast", "As fast as possible", step.speedProperty(), OptionsStep.Speed.FAST),
                inline(radio("replay-pace-rate", "At most", step.speedProperty(), OptionsStep.Speed.RATE), rate, new Label("records/s")),
                inline(radio("replay-pace-original", "As recorded, ×", step.speedProperty(), OptionsStep.Speed.ORIGINAL), speedUp)));

        CheckBox eos = check("replay-exactly-once", "Exactly-once (transactional: read_committed readers see all of it or nothing)",
                step.exactlyOnceProperty());
        TextField commit = Forms.field("replay-commit-every", step.commitEveryProperty(), "all in one transaction", 170);
        commit.disableProperty().bind(step.exactlyOnceProperty().not());
        Forms.row(grid, "Delivery", new VBox(6, eos, inline(new Label("Commit every"), commit, new Label("records"))));

        ComboBox<BatchCompression> compression = new ComboBox<>(FXCollections.observableArrayList(BatchCompression.values()));
        compression.setId("replay-compression");
        compression.setConverter(new StringConverter<>() {
            @Override
            public String toString(BatchCompression c) {
                return c == null ? "" : c == BatchCompression.AUTO ? "Automatic" : c.codec();
            }

            @Override
            public BatchCompression fromString(String text) {
                return BatchCompression.parse(text);
            }
        });
        compression.valueProperty().bindBidirectional(step.compressionProperty());
        Label same = new Label("Automatic: the target topic's codec, or lz4 when a sample of the records compresses. "
                + "The records are the same either way.");
        same.getStyleClass().add("text-muted");
        same.setWrapText(true);
        same.setMaxWidth(520);
        Forms.row(grid, "Compression", inline(compression, same));

        Label error = Forms.error("replay-options-error", step.errorProperty());
        group(grid, "replay-map-");
        group(grid, "replay-ts-");
        group(grid, "replay-pace-");
        return Forms.page(Forms.title("How to write"), grid, error);
    }

    /** A radio button of {@code property}'s group (the group's user data is the property: one group per property). */
    private static <T> RadioButton radio(String id, String text, ObjectProperty<T> property, T value) {
        RadioButton r = new RadioButton(text);
        r.setId(id);
        r.setSelected(property.get() == value);
        r.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                property.set(value);
            }
        });
        property.addListener((o, a, b) -> r.setSelected(b == value));
        return r;
    }

    /** Puts the radio buttons whose id starts with {@code prefix} into one toggle group. */
    private static void group(Node root, String prefix) {
        ToggleGroup g = new ToggleGroup();
        root.lookupAll(".radio-button").stream().filter(n -> n.getId() != null && n.getId().startsWith(prefix))
                .forEach(n -> ((RadioButton) n).setToggleGroup(g));
    }

    private static CheckBox check(String id, String text, javafx.beans.property.BooleanProperty property) {
        CheckBox c = new CheckBox(text);
        c.setId(id);
        c.setMnemonicParsing(false);
        c.setWrapText(true);
        c.selectedProperty().bindBidirectional(property);
        return c;
    }

    private static HBox inline(Node... nodes) {
        HBox box = new HBox(6, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
