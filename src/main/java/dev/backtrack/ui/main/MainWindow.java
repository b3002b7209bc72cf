package dev.backtrack.ui.main;

import dev.backtrack.profile.Profile;
import dev.backtrack.profile.ProfileConnections;
import dev.backtrack.ui.audit.AuditLogView;
import dev.backtrack.ui.audit.AuditLogViewModel;
import dev.backtrack.ui.browse.BrowseBackend;
import dev.backtrack.ui.browse.BrowseViewModel;
import dev.backtrack.ui.browse.EngineBackend;
import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.common.Theme;
import dev.backtrack.ui.common.UiExecutor;
import dev.backtrack.ui.common.UiSettings;
import dev.backtrack.ui.common.UiSettingsStore;
import dev.backtrack.ui.connection.ConnectionEntry;
import dev.backtrack.ui.connection.ConnectionTab;
import dev.backtrack.ui.connection.ConnectionViewModel;
import dev.backtrack.ui.connection.ProfileCell;
import dev.backtrack.ui.connection.TopicMemory;
import dev.backtrack.ui.profile.ProfileActions;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;

/**
 * The main window: connections (profiles) on the left, one tab per open connection in the centre, a
 * header with theme and UTC toggles, and a status bar with the connection state and the last error.
 */
public final class MainWindow {
    private final UiSettingsStore store;
    private final UiExecutor ui;
    private final TopicMemory memory;
    private final ObservableList<ConnectionEntry> entries = FXCollections.observableArrayList();
    private final java.util.Set<ConnectionEntry> savedEntries = new java.util.HashSet<>();
    private final ListView<ConnectionEntry> profileList = new ListView<>(entries);
    private final TabPane tabs = new TabPane();
    private final Label state = new Label("Not connected");
    private final Label lastError = new Label();
    private final ProgressIndicator progress = new ProgressIndicator();
    private final BooleanProperty utc = new SimpleBooleanProperty();
    private final BorderPane root = new BorderPane();
    private final SplitPane body;
    private Theme theme;
    private javafx.stage.Stage auditWindow;

    public MainWindow(UiSettingsStore store, UiExecutor ui) {
        this.store = store;
        this.ui = ui;
        this.memory = new TopicMemory(store);
        UiSettings s = store.settings();
        theme = s.theme == null ? Theme.fromDesktop() : Theme.valueOf(s.theme);
        utc.set(s.utcTimestamps);
        root.setId("main-window");
        root.getStyleClass().add("main-window");
        root.setTop(header());
        body = new SplitPane(profilesPane(), centre());
        body.setDividerPositions(s.sidebarDivider);
        root.setCenter(body);
        root.setBottom(statusBar());
        utc.addListener((o, a, b) -> {
            store.settings().utcTimestamps = b;
            store.saveLater();
        });
    }

    private HBox header() {
        Label title = new Label("Backtrack");
        title.getStyleClass().add("app-title");
        Label subtitle = new Label("time machine for Kafka");
        subtitle.getStyleClass().add("text-muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToggleButton utcToggle = new ToggleButton("UTC", Icons.icon(Feather.GLOBE));
        utcToggle.setId("utc-toggle");
        utcToggle.setTooltip(new Tooltip("Show timestamps in UTC instead of local time"));
        utcToggle.selectedProperty().bindBidirectional(utc);
        Button themeToggle = Icons.button(Feather.MOON, "", "Switch light/dark theme");
        themeToggle.setId("theme-toggle");
        themeToggle.setOnAction(e -> setTheme(theme.toggled()));
        Button audit = Icons.button(Feather.FILE_TEXT, "", "Audit log: every write Backtrack made to any cluster");
        audit.setId("audit-log");
        audit.setOnAction(e -> openAuditLog());
        Button about = Icons.button(Feather.INFO, "", "About Backtrack (version)");
        about.setId("about");
        about.setOnAction(e -> AboutDialog.show(root.getScene() == null ? null : root.getScene().getWindow()));
        HBox header = new HBox(10, Icons.icon(Feather.CLOCK), title, subtitle, spacer, utcToggle, themeToggle, audit, about);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(6, 10, 6, 10));
        header.getStyleClass().add("app-header");
        return header;
    }

    /** One audit log window: a second click brings it to the front. */
    private void openAuditLog() {
        if (auditWindow != null && auditWindow.isShowing()) {
            auditWindow.toFront();
            return;
        }
        auditWindow = AuditLogView.open(root.getScene() == null ? null : root.getScene().getWindow(),
                new AuditLogViewModel(ProfileConnections.context().audit(), ui), utc);
    }

    private VBox profilesPane() {
        Label title = new Label("Connections");
        title.getStyleClass().add("section-title");
        profileList.setId("profile-list");
        profileList.setCellFactory(l -> new ProfileCell());
        profileList.setPlaceholder(new Label("No profiles yet:\nNew… creates one"));
        ProfileActions profileActions = new ProfileActions(ui, profileList, savedEntries::contains,
                select -> loadSavedProfiles(() -> selectEntry(select)), this::showError);
        profileList.setContextMenu(profileActions.contextMenu(() -> connect(profileList.getSelectionModel().getSelectedItem(), null)));
        profileList.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && profileList.getSelectionModel().getSelectedItem() != null) {
                if (e.isShortcutDown() || e.isAltDown()) {
                    profileActions.edit(profileList.getSelectionModel().getSelectedItem());
                } else {
                    connect(profileList.getSelectionModel().getSelectedItem(), null);
                }
            }
        });
        Button connect = Icons.button(Feather.LINK, "Connect", "Open the selected connection in a new tab");
        connect.setId("connect");
        connect.disableProperty().bind(profileList.getSelectionModel().selectedItemProperty().isNull());
        connect.setOnAction(e -> connect(profileList.getSelectionModel().getSelectedItem(), null));
        Button disconnect = Icons.button(Feather.X_CIRCLE, "", "Disconnect: close the current connection tab");
        disconnect.setId("disconnect");
        disconnect.disableProperty().bind(tabs.getSelectionModel().selectedItemProperty().isNull());
        disconnect.setOnAction(e -> {
            Tab t = tabs.getSelectionModel().getSelectedItem();
            if (t != null) {
                tabs.getTabs().remove(t);
            }
        });
        connect.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        disconnect.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox buttons = new HBox(6, connect, disconnect);
        VBox pane = new VBox(8, profileActions.header(title), profileList, buttons);
        pane.setPadding(new Insets(8));
        pane.getStyleClass().add("profiles-pane");
        pane.setMinWidth(190);
        VBox.setVgrow(profileList, Priority.ALWAYS);
        SplitPane.setResizableWithParent(pane, false);
        return pane;
    }

    private StackPane centre() {
        tabs.setId("connection-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        Label empty = new Label("Select a connection on the left and press Connect (or double-click it).");
        empty.getStyleClass().add("text-muted");
        StackPane centre = new StackPane(empty, tabs);
        tabs.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(tabs.getTabs()));
        // the hint sits under the tabs; where the tabs are transparent (split dividers) it would show through
        empty.setId("no-connection-hint");
        empty.visibleProperty().bind(tabs.visibleProperty().not());
        return centre;
    }

    private HBox statusBar() {
        state.setId("connection-state");
        lastError.setId("last-error");
        lastError.getStyleClass().add("status-error");
        progress.setPrefSize(14, 14);
        progress.setVisible(false);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button clear = Icons.button(Feather.X, "", "Clear the last error");
        clear.getStyleClass().add("flat");
        clear.visibleProperty().bind(lastError.textProperty().isNotEmpty());
        clear.setOnAction(e -> lastError.setText(""));
        HBox bar = new HBox(8, progress, state, spacer, lastError, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(3, 10, 3, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    public void showIn(Stage stage) {
        UiSettings s = store.settings();
        Scene scene = new Scene(root, s.windowWidth, s.windowHeight);
        scene.getStylesheets().add(Objects.requireNonNull(MainWindow.class.getResource("/dev/backtrack/ui/app.css")).toExternalForm());
        setTheme(theme);
        stage.setTitle("Backtrack");
        if (!Double.isNaN(s.windowX)) {
            stage.setX(s.windowX);
            stage.setY(s.windowY);
        }
        stage.setMaximized(s.maximized);
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> rememberLayout(stage));
        stage.show();
    }

    private void rememberLayout(Stage stage) {
        UiSettings s = store.settings();
        s.maximized = stage.isMaximized();
        if (!stage.isMaximized()) {
            s.windowX = stage.getX();
            s.windowY = stage.getY();
            s.windowWidth = stage.getWidth();
            s.windowHeight = stage.getHeight();
        }
        s.sidebarDivider = body.getDividerPositions()[0];
        store.saveNow();
    }

    public void setTheme(Theme next) {
        theme = next;
        next.apply();
        root.getStyleClass().removeAll("dark", "light");
        root.getStyleClass().add(next == Theme.DARK ? "dark" : "light");
        for (Tab t : tabs.getTabs()) {
            if (t instanceof ConnectionTab ct) {
                ct.browseView().timeline().setDark(next == Theme.DARK);
            }
        }
        store.settings().theme = next.name();
        store.saveLater();
    }

    public void addEntries(List<ConnectionEntry> more) {
        entries.addAll(more);
    }

    /** Lists saved profiles in the background (the store reads a file); again after an edit, keeping unchanged entries. */
    public void loadSavedProfiles(Runnable then) {
        ui.supply(() -> ProfileConnections.context().store().list(), profiles -> {
            List<ConnectionEntry> previous = List.copyOf(savedEntries);
            entries.removeAll(previous);
            savedEntries.clear();
            for (Profile p : profiles) {
                if (entries.stream().noneMatch(e -> e.name().equals(p.name()))) {
                    ConnectionEntry entry = previous.stream().filter(e -> e.name().equals(p.name())
                            && Objects.equals(e.color(), p.color()) && e.environment() == p.environment()).findFirst()
                            .orElseGet(() -> new ConnectionEntry(p.name(), p.color(), p.environment(),
                                    () -> EngineBackend.connect(ProfileConnections.resolve(p.name()), p.name())));
                    savedEntries.add(entry);
                    entries.add(entry);
                }
            }
            then.run();
        }, failure -> {
            showError("Could not read profiles: " + BrowseViewModel.message(failure));
            then.run();
        });
    }

    private void selectEntry(String name) {
        entries.stream().filter(e -> e.name().equals(name)).findFirst().ifPresent(e -> profileList.getSelectionModel().select(e));
    }

    /** Connects the entry with this name and optionally opens a topic once the topics are listed. */
    public void connect(String name, String topic) {
        entries.stream().filter(e -> e.name().equals(name)).findFirst()
                .ifPresentOrElse(e -> connect(e, topic), () -> showError("No connection named '" + name + "'"));
    }

    public void connect(ConnectionEntry entry, String topic) {
        for (Tab t : tabs.getTabs()) {
            if (t instanceof ConnectionTab ct && ct.viewModel().entry().equals(entry)) {
                tabs.getSelectionModel().select(t);
                return;
            }
        }
        progress.setVisible(true);
        state.setText("Connecting to " + entry.name() + "…");
        ui.supply(entry.opener()::open, backend -> opened(entry, backend, topic), failure -> {
            progress.setVisible(false);
            state.setText("Not connected to " + entry.name());
            showError("Could not connect to " + entry.name() + ": " + BrowseViewModel.message(failure));
        });
    }

    private void opened(ConnectionEntry entry, BrowseBackend backend, String topic) {
        progress.setVisible(false);
        state.setText("Connected to " + entry.name() + " · " + backend.describe());
        ConnectionViewModel vm = new ConnectionViewModel(entry, backend, ui);
        ConnectionTab tab = new ConnectionTab(vm, utc, this::showError, memory);
        tab.browseView().timeline().setDark(theme == Theme.DARK);
        tab.setOnClosed(e -> {
            vm.browse().stopTail();
            vm.browse().cancel();
            ui.background(backend::close);
            state.setText(tabs.getTabs().isEmpty() ? "Not connected" : state.getText());
        });
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        if (topic != null) {
            vm.visibleTopics().addListener((javafx.collections.ListChangeListener<? super dev.backtrack.ui.connection.TopicInfo>) c -> {
                if (vm.browse().topicProperty().get() == null && vm.topic(topic) != null) {
                    tab.selectTopic(topic);
                }
            });
        }
        vm.refreshTopics();
    }

    public void showError(String message) {
        lastError.setText(message);
    }

    public void shutdown() {
        for (Tab t : List.copyOf(tabs.getTabs())) {
            if (t instanceof ConnectionTab ct) {
                ct.viewModel().browse().stopTail();
                ct.viewModel().backend().close();
            }
        }
        store.saveNow();
    }

    public BorderPane root() {
        return root;
    }

    public TabPane tabs() {
        return tabs;
    }

    public Theme theme() {
        return theme;
    }

    public ObservableList<ConnectionEntry> entries() {
        return entries;
    }
}
