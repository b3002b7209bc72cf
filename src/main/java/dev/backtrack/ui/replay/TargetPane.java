package dev.backtrack.ui.replay;

import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Step 2: target connection and topic (existing, or created with N partitions). */
final class TargetPane {
    private TargetPane() {
    }

    static Node build(TargetStep step) {
        GridPane grid = Forms.grid();
        ComboBox<TargetStep.Choice> connection = new ComboBox<>(step.connections());
        connection.setId("replay-target-connection");
        connection.valueProperty().bindBidirectional(step.connectionProperty());
        ProgressIndicator loading = new ProgressIndicator();
        loading.setPrefSize(18, 18);
        loading.visibleProperty().bind(step.loadingProperty());
        HBox connectionRow = new HBox(8, connection, loading);
        connectionRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Forms.row(grid, "Write to", connectionRow);

        ComboBox<String> topic = new ComboBox<>(step.topics());
        topic.setId("replay-target-topic");
        topic.setEditable(true);
        topic.setPrefWidth(360);
        topic.getEditor().textProperty().bindBidirectional(step.topicProperty());
        topic.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                step.topicProperty().set(b);
            }
        });
        Label status = new Label();
        status.setId("replay-target-status");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(step.statusProperty());
        HBox topicRow = new HBox(10, topic, status);
        topicRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Forms.row(grid, "Topic", topicRow);

        CheckBox create = new CheckBox("Create it with");
        create.setId("replay-create-target");
        create.selectedProperty().bindBidirectional(step.createProperty());
        Spinner<Integer> partitions = new Spinner<>(1, 10_000, step.createPartitionsProperty().get());
        partitions.setId("replay-create-partitions");
        partitions.setEditable(true);
        partitions.setPrefWidth(100);
        partitions.disableProperty().bind(create.selectedProperty().not());
        partitions.valueProperty().addListener((o, a, b) -> step.createPartitionsProperty().set(b == null ? 0 : b));
        HBox createRow = new HBox(8, create, partitions, new Label("partitions"));
        createRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Runnable showCreate = () -> SourcePane.showOnly(createRow, !step.loadingProperty().get() && step.isNew());
        step.statusProperty().addListener(x -> showCreate.run());
        step.loadingProperty().addListener(x -> showCreate.run());
        step.topicProperty().addListener(x -> showCreate.run());
        showCreate.run();
        Forms.row(grid, "", createRow);

        Label hint = Forms.muted("Writes go through the target connection's write guard: a protected (prod) profile refuses them "
                + "until writing is unlocked for it.");
        return Forms.page(Forms.title("Where to write"), grid, new VBox(hint));
    }
}
