package dev.backtrack.ui.profile;

import dev.backtrack.profile.Profile;
import dev.backtrack.profile.ProfileConnections;
import dev.backtrack.profile.ProfileContext;
import dev.backtrack.ui.browse.BrowseViewModel;
import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.common.UiExecutor;
import dev.backtrack.ui.connection.ConnectionEntry;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * New / Edit / Delete / Import / Export for the main window's profile list. Only saved profiles can be
 * edited, deleted or exported (command-line and sandbox connections are not saved). After a change the
 * list is reloaded through {@code reload} with the name to select.
 */
public final class ProfileActions {
    private final UiExecutor ui;
    private final ListView<ConnectionEntry> list;
    private final Predicate<ConnectionEntry> saved;
    private final Consumer<String> reload;
    private final Consumer<String> showError;
    private final BooleanBinding savedSelected;

    /** {@code saved} tells saved profiles from ad-hoc entries; {@code reload} re-reads the profiles and selects a name (or null). */
    public ProfileActions(UiExecutor ui, ListView<ConnectionEntry> list, Predicate<ConnectionEntry> saved,
                          Consumer<String> reload, Consumer<String> showError) {
        this.ui = ui;
        this.list = list;
        this.saved = saved;
        this.reload = reload;
        this.showError = showError;
        this.savedSelected = Bindings.createBooleanBinding(() -> selected() != null && saved.test(selected()),
                list.getSelectionModel().selectedItemProperty());
    }

    private static ProfileContext context() {
        return ProfileConnections.context();
    }

    private ConnectionEntry selected() {
        return list.getSelectionModel().getSelectedItem();
    }

    private Window window() {
        return list.getScene() == null ? null : list.getScene().getWindow();
    }

    /**
     * The list's header: {@code title} on the left, then New and Edit as compact icon buttons and a menu with
     * Delete, Import and Export (the sidebar is narrow; tooltips name the buttons).
     */
    public HBox header(javafx.scene.control.Label title) {
        title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Button add = tool(Feather.PLUS, "New profile…", "profile-new");
        add.setOnAction(e -> newProfile());
        Button edit = tool(Feather.EDIT_2, "Edit the selected profile… (also Ctrl/Alt + double-click, or right-click)", "profile-edit");
        edit.disableProperty().bind(savedSelected.not());
        edit.setOnAction(e -> edit(selected()));
        MenuItem delete = new MenuItem("Delete profile…", Icons.icon(Feather.TRASH_2));
        delete.setId("profile-delete");
        delete.disableProperty().bind(savedSelected.not());
        delete.setOnAction(e -> delete(selected()));
        MenuButton more = new MenuButton("", Icons.icon(Feather.MORE_HORIZONTAL));
        more.setId("profile-more");
        more.getStyleClass().addAll("flat", "no-arrow");
        more.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        more.setTooltip(new javafx.scene.control.Tooltip("Delete, import and export profiles (exports never hold secrets)"));
        more.getItems().setAll(delete, new SeparatorMenuItem(), importItem(), exportItem(false), exportItem(true));
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
        HBox bar = new HBox(0, title, spacer, add, edit, more);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.getStyleClass().add("profile-toolbar");
        return bar;
    }

    private static Button tool(Feather icon, String tooltip, String id) {
        Button b = Icons.button(icon, "", tooltip);
        b.setId(id);
        b.getStyleClass().add("flat");
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return b;
    }

    /** The list's context menu: Connect, Edit…, Delete, and import/export. */
    public ContextMenu contextMenu(Runnable connect) {
        MenuItem open = new MenuItem("Connect", Icons.icon(Feather.LINK));
        open.setOnAction(e -> connect.run());
        MenuItem edit = new MenuItem("Edit…", Icons.icon(Feather.EDIT_2));
        edit.setId("profile-menu-edit");
        edit.setOnAction(e -> edit(selected()));
        MenuItem delete = new MenuItem("Delete…", Icons.icon(Feather.TRASH_2));
        delete.setOnAction(e -> delete(selected()));
        MenuItem add = new MenuItem("New profile…", Icons.icon(Feather.PLUS));
        add.setOnAction(e -> newProfile());
        ContextMenu menu = new ContextMenu(open, edit, delete, new SeparatorMenuItem(), add, importItem(), exportItem(false));
        menu.setOnShowing(e -> {
            open.setDisable(selected() == null);
            edit.setDisable(!savedSelected.get());
            delete.setDisable(!savedSelected.get());
        });
        return menu;
    }

    public void newProfile() {
        ui.supply(() -> context().store().list(), profiles -> {
            ProfileEditorViewModel vm = ProfileEditorViewModel.create(context(), ui, names(profiles));
            new ProfileEditor(window(), vm).showAndWait().ifPresent(p -> reload.accept(p.name()));
        }, failure -> showError.accept("Cannot read the profiles: " + BrowseViewModel.message(failure)));
    }

    /** Opens the editor for a saved profile (nothing happens for ad-hoc entries). */
    public void edit(ConnectionEntry entry) {
        if (entry == null || !saved.test(entry)) {
            return;
        }
        ui.supply(() -> context().store().list(), profiles -> {
            Profile profile = profiles.stream().filter(p -> p.name().equals(entry.name())).findFirst().orElse(null);
            if (profile == null) {
                showError.accept("Profile '" + entry.name() + "' no longer exists");
                reload.accept(null);
                return;
            }
            ProfileEditorViewModel vm = new ProfileEditorViewModel(context(), ui, new dev.backtrack.profile.ConnectionTester(),
                    profile, names(profiles));
            new ProfileEditor(window(), vm).showAndWait().ifPresent(p -> reload.accept(p.name()));
        }, failure -> showError.accept("Cannot read the profiles: " + BrowseViewModel.message(failure)));
    }

    public void delete(ConnectionEntry entry) {
        if (entry == null || !saved.test(entry)) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete profile '" + entry.name() + "' and its stored secrets?"
                + " Open connections stay open until closed.", ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(window());
        confirm.setHeaderText("Delete " + entry.name());
        confirm.getDialogPane().setId("profile-delete-confirm");
        if (confirm.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
            return;
        }
        ui.supply(() -> {
            new dev.backtrack.profile.ProfileManager(context()).delete(entry.name());
            return entry.name();
        }, name -> reload.accept(null), failure -> showError.accept("Not deleted: " + BrowseViewModel.message(failure)));
    }

    private MenuItem importItem() {
        MenuItem item = new MenuItem("Import profiles…", Icons.icon(Feather.DOWNLOAD));
        item.setId("profile-import");
        item.setOnAction(e -> {
            FileChooser chooser = chooser("Import profiles");
            File file = chooser.showOpenDialog(window());
            if (file != null) {
                importFile(file.toPath(), false);
            }
        });
        return item;
    }

    private void importFile(Path file, boolean replace) {
        ui.supply(() -> new ProfileTransfer(context()).importFile(file, replace), imported -> {
            reload.accept(imported.isEmpty() ? null : imported.getFirst().name());
            List<String> needSecrets = imported.stream().filter(p -> !p.requiredSecrets().isEmpty()).map(Profile::name).toList();
            Alert done = new Alert(Alert.AlertType.INFORMATION, "Imported " + imported.size() + " profile(s)"
                    + (needSecrets.isEmpty() ? "." : ". Enter the secrets of " + String.join(", ", needSecrets) + " with Edit…"));
            done.initOwner(window());
            done.setHeaderText("Profiles imported");
            done.show();
        }, failure -> {
            if (!replace && ProfileTransfer.isNameClash(failure)) {
                Alert ask = new Alert(Alert.AlertType.CONFIRMATION, BrowseViewModel.message(failure)
                        + ". Replace the existing profiles with the imported ones? Their stored secrets are kept.",
                        ButtonType.CANCEL, ButtonType.OK);
                ask.initOwner(window());
                ask.setHeaderText("Replace existing profiles?");
                if (ask.showAndWait().filter(b -> b == ButtonType.OK).isPresent()) {
                    importFile(file, true);
                }
            } else {
                showError.accept("Not imported: " + BrowseViewModel.message(failure));
            }
        });
    }

    private MenuItem exportItem(boolean all) {
        MenuItem item = new MenuItem(all ? "Export all profiles…" : "Export selected profile…", Icons.icon(Feather.UPLOAD));
        item.setId(all ? "profile-export-all" : "profile-export");
        if (!all) {
            item.disableProperty().bind(savedSelected.not());
        }
        item.setOnAction(e -> {
            List<String> names = all ? List.of() : List.of(selected().name());
            FileChooser chooser = chooser(all ? "Export all profiles (without secrets)" : "Export " + names.getFirst() + " (without secrets)");
            chooser.setInitialFileName(all ? "backtrack-profiles.json" : names.getFirst() + ".profile.json");
            File file = chooser.showSaveDialog(window());
            if (file != null) {
                ui.supply(() -> {
                    new ProfileTransfer(context()).exportTo(file.toPath(), names);
                    return file;
                }, f -> { }, failure -> showError.accept("Not exported: " + BrowseViewModel.message(failure)));
            }
        });
        return item;
    }

    private static FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Profile files (JSON)", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }

    private static List<String> names(List<Profile> profiles) {
        return profiles.stream().map(Profile::name).toList();
    }
}
