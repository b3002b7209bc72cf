package dev.backtrack.ui.connection;

import dev.backtrack.ui.browse.BrowseView;
import dev.backtrack.ui.common.UiSettings;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/** A tab per open connection: topics and partitions on the left, the browse view of the open topic on the right. */
public final class ConnectionTab extends Tab {
    private final ConnectionViewModel vm;
    private final BrowseView browseView;
    private final ListView<TopicInfo> topicList = new ListView<>();
    private final ListView<Integer> partitionList = new ListView<>();
    private final ConnectionWorkbench workbench;

    public ConnectionTab(ConnectionViewModel vm, BooleanProperty utc, Consumer<String> onError, TopicMemory memory) {
        this.vm = vm;
        setText(vm.entry().name());
        setId("connection-" + vm.entry().name());
        Circle dot = new Circle(5, ProfileCell.colour(vm.entry()));
        HBox graphic = new HBox(4, dot);
        if (vm.entry().isProd()) {
            Label prod = new Label("PROD");
            prod.getStyleClass().add("prod-badge");
            graphic.getChildren().add(prod);
        }
        setGraphic(graphic);

        TextField filter = new TextField();
        filter.setId("topic-filter");
        filter.setPromptText("Filter topics");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        CheckBox internal = new CheckBox("Internal");
        internal.setId("show-internal");
        internal.selectedProperty().bindBidirectional(vm.showInternalProperty());
        internal.setTooltip(new javafx.scene.control.Tooltip("Show internal topics (__consumer_offsets, …)"));

        topicList.setId("topic-list");
        topicList.setItems(vm.visibleTopics());
        topicList.setPlaceholder(new Label("No topics"));
        topicList.setCellFactory(l -> new TopicCell());
        topicList.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t != null && !t.name().equals(vm.browse().topicProperty().get())) {
                open(t, memory);
            }
        });
        partitionList.setId("partition-list");
        partitionList.setPrefHeight(140);
        partitionList.setItems(vm.browse().partitions());
        partitionList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Integer p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : "Partition " + p);
            }
        });
        partitionList.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (p != null && !p.equals(vm.browse().partitionProperty().get())) {
                vm.browse().partitionProperty().set(p);
                vm.browse().reload();
            }
        });
        vm.browse().partitionProperty().addListener((o, a, p) -> {
            if (p == null) {
                partitionList.getSelectionModel().clearSelection();
            } else {
                partitionList.getSelectionModel().select(p);
            }
        });
        Label topicsTitle = new Label("Topics");
        topicsTitle.getStyleClass().add("section-title");
        Label partitionsTitle = new Label("Partitions");
        partitionsTitle.getStyleClass().add("section-title");
        Region titleSpacer = new Region();
        HBox.setHgrow(titleSpacer, Priority.ALWAYS);
        HBox titleRow = new HBox(6, topicsTitle, titleSpacer, internal);
        VBox left = new VBox(6, titleRow, filter, topicList, partitionsTitle, partitionList);
        left.setMinWidth(210);
        left.setPadding(new Insets(8));
        left.getStyleClass().add("topics-pane");
        VBox.setVgrow(topicList, Priority.ALWAYS);

        browseView = new BrowseView(vm.browse(), vm.search(), vm.ui(), utc, onError);
        vm.browse().keyFormatProperty().addListener((o, a, b) -> memory.remember(vm));
        vm.browse().valueFormatProperty().addListener((o, a, b) -> memory.remember(vm));
        vm.browse().positionProperty().addListener((o, a, b) -> memory.remember(vm));
        vm.errorProperty().addListener((o, a, b) -> {
            if (b != null) {
                onError.accept(b);
            }
        });
        SplitPane split = new SplitPane(left, browseView);
        split.setDividerPositions(0.17);
        SplitPane.setResizableWithParent(left, false);
        workbench = new ConnectionWorkbench(vm, utc, onError, browseView, split, this::selectOpenTopicInList);
        setContent(workbench.root());
    }

    /** Opens a topic at its remembered position with its remembered decoders. */
    public void open(TopicInfo topic, TopicMemory memory) {
        UiSettings.TopicState state = memory.recall(vm.entry().name(), topic.name());
        vm.browse().keyFormatProperty().set(TopicMemory.format(state.keyFormat()));
        vm.browse().valueFormatProperty().set(TopicMemory.format(state.valueFormat()));
        vm.browse().open(topic.name(), topic.partitions(), TopicMemory.position(state.lastPosition()));
    }

    public void selectTopic(String name) {
        TopicInfo t = vm.topic(name);
        if (t != null) {
            topicList.getSelectionModel().select(t);
        }
    }

    private void selectOpenTopicInList() {
        TopicInfo t = vm.topic(vm.browse().topicProperty().get());
        if (t != null && topicList.getSelectionModel().getSelectedItem() != t) {
            topicList.getSelectionModel().select(t);
        }
    }

    /** The feature side of this connection: views, actions, "open record". */
    public Workbench workbench() {
        return workbench;
    }

    /** The inner tabs: "Browse", the features' fixed views, and opened views. */
    public javafx.scene.control.TabPane views() {
        return workbench.views();
    }

    public ConnectionViewModel viewModel() {
        return vm;
    }

    public BrowseView browseView() {
        return browseView;
    }

    private static final class TopicCell extends ListCell<TopicInfo> {
        TopicCell() {
            // sized by the list, not by the name: long names are cut with an ellipsis, never scrolled sideways
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(TopicInfo t, boolean empty) {
            super.updateItem(t, empty);
            if (empty || t == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(null);
            Label name = new Label(t.name());
            name.getStyleClass().add("topic-name");
            Label meta = new Label(t.partitions() + "p · " + humanCount(t.estimatedRecords()));
            meta.setMinWidth(Region.USE_PREF_SIZE);
            name.setMinWidth(0);
            meta.getStyleClass().addAll("text-muted", "topic-meta");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            setGraphic(new HBox(6, name, spacer, meta));
            setTooltip(new javafx.scene.control.Tooltip(t.name() + ": " + t.partitions() + " partitions, about "
                    + t.estimatedRecords() + " records (offset span)"));
        }
    }

    static String humanCount(long n) {
        if (n < 10_000) {
            return String.valueOf(n);
        }
        if (n < 10_000_000) {
            return (n / 1000) + "k";
        }
        return (n / 1_000_000) + "M";
    }
}
