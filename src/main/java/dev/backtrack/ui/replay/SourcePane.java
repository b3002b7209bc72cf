package dev.backtrack.ui.replay;

import dev.backtrack.browse.PartitionRange;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Step 1: partitions, range, filter and isolation of the source topic. */
final class SourcePane {
    private SourcePane() {
    }

    static Node build(SourceStep step) {
        GridPane grid = Forms.grid();
        Label topic = new Label(step.topic());
        topic.setId("replay-source-topic");
        topic.getStyleClass().add("text-bold");
        Forms.row(grid, "Topic", topic);

        FlowPane checks = new FlowPane(10, 6);
        checks.setId("replay-partitions");
        for (SourceStep.PartitionChoice c : step.partitions()) {
            CheckBox box = new CheckBox(String.valueOf(c.partition()));
            box.setId("replay-partition-" + c.partition());
            box.selectedProperty().bindBidirectional(c.selected());
            checks.getChildren().add(box);
        }
        Hyperlink all = new Hyperlink("all");
        all.setOnAction(e -> step.partitions().forEach(c -> c.selected().set(true)));
        Hyperlink none = new Hyperlink("none");
        none.setOnAction(e -> step.partitions().forEach(c -> c.selected().set(false)));
        Forms.row(grid, "Partitions", new VBox(2, checks, new HBox(4, all, none)));

        ComboBox<SourceStep.RangeKind> kind = new ComboBox<>();
        kind.setId("replay-range-kind");
        kind.getItems().addAll(SourceStep.RangeKind.values());
        if (step.pageRanges().isEmpty()) {
            kind.getItems().remove(SourceStep.RangeKind.PAGE);
        }
        kind.valueProperty().bindBidirectional(step.rangeKindProperty());
        Forms.row(grid, "Range", kind);

        TextField from = Forms.field("replay-from-offset", step.fromOffsetProperty(), "first (beginning)", 160);
        TextField to = Forms.field("replay-to-offset", step.toOffsetProperty(), "end, exclusive (current end)", 200);
        HBox offsets = new HBox(8, from, new Label("to"), to);
        offsets.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        TextField fromTime = Forms.field("replay-from-time", step.fromTimeProperty(), "2026-05-01T14:03:00Z", 230);
        TextField toTime = Forms.field("replay-to-time", step.toTimeProperty(), "2026-05-01T14:08:00Z", 230);
        HBox window = new HBox(8, fromTime, new Label("to"), toTime);
        window.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        TextField last = Forms.field("replay-last-n", step.lastNProperty(), "100", 120);
        Label page = Forms.muted(step.pageRanges().stream()
                .map(SourcePane::describe).collect(Collectors.joining("   ")));
        page.setId("replay-page-ranges");
        Label whole = Forms.muted("Every record from the first retained one to the end as it is when the replay starts.");
        VBox detail = new VBox(offsets, window, last, page, whole);
        Runnable show = () -> {
            SourceStep.RangeKind k = step.rangeKindProperty().get();
            showOnly(offsets, k == SourceStep.RangeKind.OFFSETS);
            showOnly(window, k == SourceStep.RangeKind.TIME_WINDOW);
            showOnly(last, k == SourceStep.RangeKind.LAST_N);
            showOnly(page, k == SourceStep.RangeKind.PAGE);
            showOnly(whole, k == SourceStep.RangeKind.ALL);
        };
        step.rangeKindProperty().addListener(x -> show.run());
        show.run();
        Forms.row(grid, "", detail);

        TextField filter = Forms.field("replay-filter", step.filterProperty(), "optional CEL, e.g. value.status == 'FAILED'", 0);
        Label filterError = Forms.error("replay-filter-error", step.filterErrorProperty());
        filter.getStyleClass().add("validated");
        step.filterErrorProperty().addListener((o, a, b) -> filter.pseudoClassStateChanged(INVALID, b != null));
        Forms.row(grid, "Filter", new VBox(4, filter, filterError));

        CheckBox committed = new CheckBox("Read committed only (skip aborted transactional records)");
        committed.setId("replay-read-committed");
        committed.setMnemonicParsing(false);
        committed.selectedProperty().bindBidirectional(step.readCommittedProperty());
        Forms.row(grid, "Isolation", committed);
        return Forms.page(Forms.title("What to replay"), grid);
    }

    static final javafx.css.PseudoClass INVALID = javafx.css.PseudoClass.getPseudoClass("invalid");

    static String describe(PartitionRange r) {
        return "p" + r.partition() + " [" + r.from() + ", " + r.to() + ")";
    }

    static void showOnly(Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }
}
