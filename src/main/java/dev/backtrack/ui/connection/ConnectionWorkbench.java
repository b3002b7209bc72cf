package dev.backtrack.ui.connection;

import dev.backtrack.browse.Browser;
import dev.backtrack.browse.Page;
import dev.backtrack.browse.Position;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.ui.browse.BrowseView;
import dev.backtrack.ui.browse.BrowseViewModel;
import dev.backtrack.ui.browse.EngineBackend;
import dev.backtrack.ui.browse.MessageRow;
import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.common.UiExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * The {@link Workbench} of one connection tab: an inner tab pane with "Browse" first, the features' fixed
 * views after it and their closable views at the end; the features' banners above; their actions in the
 * browse view's "Actions" menu and the message table's context menu.
 */
final class ConnectionWorkbench implements Workbench {
    private final ConnectionViewModel vm;
    private final EngineBackend engine;
    private final BooleanProperty utc;
    private final Consumer<String> onError;
    private final BrowseView browseView;
    private final Runnable selectTopicInList;
    private final List<ConnectionFeature> features;
    private final TabPane views = new TabPane();
    private final Tab browseTab = new Tab("Browse");
    private final Map<String, Tab> openViews = new LinkedHashMap<>();
    private final VBox root = new VBox();

    ConnectionWorkbench(ConnectionViewModel vm, BooleanProperty utc, Consumer<String> onError, BrowseView browseView,
                        Node browseContent, Runnable selectTopicInList) {
        this.vm = vm;
        this.engine = vm.backend() instanceof EngineBackend e ? e : null;
        this.utc = utc;
        this.onError = onError;
        this.browseView = browseView;
        this.selectTopicInList = selectTopicInList;
        this.features = engine == null ? List.of() : ConnectionFeatures.all();
        views.setId("connection-views");
        views.getStyleClass().add("connection-views");
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.SELECTED_TAB);
        browseTab.setId("view-browse");
        browseTab.setClosable(false);
        browseTab.setGraphic(Icons.icon(Feather.LIST));
        browseTab.setContent(browseContent);
        views.getTabs().add(browseTab);
        for (ConnectionFeature f : features) {
            Node banner = f.banner(this);
            if (banner != null) {
                root.getChildren().add(banner);
            }
            for (ConnectionFeature.FixedView fixed : f.fixedViews(this)) {
                views.getTabs().add(lazyTab(fixed));
            }
        }
        root.getChildren().add(views);
        VBox.setVgrow(views, Priority.ALWAYS);
        installActions();
        vm.browse().topicProperty().addListener((o, a, topic) -> {
            if (topic != null) {
                features.forEach(f -> f.topicOpened(this, topic));
            }
        });
    }

    Node root() {
        return root;
    }

    TabPane views() {
        return views;
    }

    private Tab lazyTab(ConnectionFeature.FixedView fixed) {
        Tab tab = new Tab(fixed.title());
        tab.setId("view-" + fixed.id());
        tab.setClosable(false);
        tab.setGraphic(Icons.icon(fixed.icon()));
        tab.selectedProperty().addListener((o, a, selected) -> {
            if (selected && tab.getContent() == null) {
                tab.setContent(fixed.content().apply(this));
            }
        });
        return tab;
    }

    private void installActions() {
        if (features.isEmpty()) {
            return;
        }
        MenuButton actions = new MenuButton("Actions", Icons.icon(Feather.ZAP));
        actions.setId("browse-actions");
        actions.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        actions.setOnShowing(e -> actions.getItems().setAll(actionItems()));
        actions.getItems().setAll(actionItems());
        List<Node> row = browseView.toolRow().getChildren();
        int export = row.indexOf(row.stream().filter(n -> "export".equals(n.getId())).findFirst().orElse(null));
        row.add(export < 0 ? row.size() : export + 1, actions);
        ContextMenu context = new ContextMenu();
        context.setOnShowing(e -> context.getItems().setAll(actionItems()));
        browseView.table().setContextMenu(context);
    }

    private List<MenuItem> actionItems() {
        BrowseSelection selection = selection();
        List<MenuItem> items = new ArrayList<>();
        for (ConnectionFeature f : features) {
            List<MenuItem> mine = f.actions(this, selection);
            if (!mine.isEmpty() && !items.isEmpty()) {
                items.add(new SeparatorMenuItem());
            }
            items.addAll(mine);
        }
        if (items.isEmpty()) {
            MenuItem none = new MenuItem("No actions");
            none.setDisable(true);
            items.add(none);
        }
        return items;
    }

    @Override
    public String name() {
        return vm.entry().name();
    }

    @Override
    public String profile() {
        return engine.profile();
    }

    @Override
    public ConnectionSettings settings() {
        return engine.settings();
    }

    @Override
    public KafkaClients clients() {
        return engine.clients();
    }

    @Override
    public Browser browser() {
        return engine.browser();
    }

    @Override
    public UiExecutor ui() {
        return vm.ui();
    }

    @Override
    public BooleanProperty utc() {
        return utc;
    }

    @Override
    public void showError(String message) {
        onError.accept(message);
    }

    @Override
    public BrowseSelection selection() {
        BrowseViewModel b = vm.browse();
        String topic = b.topicProperty().get();
        MessageRow row = b.selectedProperty().get();
        return new BrowseSelection(topic, b.partitions().size(), b.partitionProperty().get(), b.positionProperty().get(),
                b.endBound(), b.pageProperty().get(), row == null ? null : row.record(),
                b.rows().stream().map(MessageRow::record).toList());
    }

    @Override
    public void openView(String key, String title, Ikon icon, Node content) {
        Tab tab = openViews.get(key);
        if (tab == null) {
            tab = new Tab(title, content);
            tab.setId("view-" + key.replaceAll("[^A-Za-z0-9_-]", "-"));
            tab.setGraphic(Icons.icon(icon));
            tab.setClosable(true);
            Tab opened = tab;
            tab.setOnClosed(e -> {
                openViews.remove(key);
                if (opened.getContent() instanceof AutoCloseable closeable) {
                    vm.ui().background(() -> {
                        try {
                            closeable.close();
                        } catch (Exception ignored) {
                            // the view's background job is already gone
                        }
                    });
                }
            });
            openViews.put(key, tab);
            views.getTabs().add(tab);
        }
        views.getSelectionModel().select(tab);
    }

    @Override
    public void closeView(String key) {
        Tab tab = openViews.remove(key);
        if (tab != null) {
            views.getTabs().remove(tab);
            if (tab.getOnClosed() != null) {
                tab.getOnClosed().handle(null);
            }
        }
    }

    @Override
    public boolean selectView(String idOrKey) {
        Tab tab = openViews.get(idOrKey);
        if (tab == null) {
            tab = views.getTabs().stream().filter(t -> ("view-" + idOrKey).equals(t.getId())).findFirst().orElse(null);
        }
        if (tab != null) {
            views.getSelectionModel().select(tab);
        }
        return tab != null;
    }

    @Override
    public void browseAt(String topic, int partition, long offset) {
        views.getSelectionModel().select(browseTab);
        TopicInfo info = vm.topic(topic);
        int partitions = info == null ? Math.max(partition + 1, 1) : info.partitions();
        BrowseViewModel b = vm.browse();
        ChangeListener<Page> selectWhenLoaded = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Page> o, Page old, Page loaded) {
                b.pageProperty().removeListener(this);
                for (MessageRow row : b.rows()) {
                    if (row.record().raw().partition() == partition && row.record().raw().offset() == offset) {
                        browseView.table().getSelectionModel().select(row);
                        browseView.table().scrollTo(row);
                        return;
                    }
                }
                onError.accept("Offset " + offset + " of " + topic + "/" + partition
                        + " is no longer in the topic (deleted by retention or compaction); showing what follows it");
            }
        };
        b.pageProperty().addListener(selectWhenLoaded);
        b.openAt(topic, partitions, partition, new Position.AtOffset(offset));
        selectTopicInList.run();
    }

    @Override
    public void refreshTopics() {
        vm.refreshTopics();
    }
}
