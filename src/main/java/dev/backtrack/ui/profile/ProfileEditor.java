package dev.backtrack.ui.profile;

import dev.backtrack.profile.ConnectionTestStep;
import dev.backtrack.profile.Environment;
import dev.backtrack.profile.Profile;
import dev.backtrack.profile.SecurityProtocol;
import dev.backtrack.profile.StepStatus;
import dev.backtrack.ui.common.Icons;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * The profile editor dialog: General, Cluster, Authentication, TLS, Schema registry and Advanced sections
 * over a {@link ProfileEditorViewModel}; "Test connection" with per-step results and Cancel; Save enabled
 * only while the form is valid. Returns the saved profile.
 */
public final class ProfileEditor {
    private final ProfileEditorViewModel vm;
    private final Dialog<Profile> dialog = new Dialog<>();
    private final ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
    private Profile saved;

    public ProfileEditor(Window owner, ProfileEditorViewModel vm) {
        this.vm = vm;
        if (owner != null) {
            dialog.initOwner(owner);
            dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
            dialog.getDialogPane().getStyleClass().addAll(owner.getScene().getRoot().getStyleClass().filtered(
                    c -> c.equals("dark") || c.equals("light")));
        }
        dialog.setTitle(vm.isNew() ? "New profile" : "Edit profile " + vm.originalName());
        dialog.setResizable(true);
        EditorSections sections = new EditorSections(vm);
        VBox auth = sections.authentication();
        VBox tls = sections.tls();
        showWhen(auth, Bindings.createBooleanBinding(() -> vm.protocol.get().usesSasl(), vm.protocol));
        showWhen(tls, Bindings.createBooleanBinding(() -> vm.protocol.get().usesTls(), vm.protocol));
        VBox form = new VBox(18, general(), cluster(), auth, tls, sections.registry(), sections.advanced());
        form.setPadding(new Insets(14, 18, 18, 8));
        form.getStyleClass().add("profile-form");
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        scroll.setId("profile-form");
        scroll.getStyleClass().add("edge-to-edge");
        BorderPane content = new BorderPane(scroll);
        content.setBottom(testPanel());
        content.setMinWidth(640);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().setId("profile-editor");
        dialog.getDialogPane().getStyleClass().add("profile-editor");
        dialog.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
        saveButton.setId("profile-save");
        saveButton.setGraphic(Icons.icon(Feather.SAVE));
        saveButton.disableProperty().bind(vm.validProperty().not().or(vm.saving));
        dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("profile-cancel");
        saveButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.save(profile -> {
                saved = profile;
                dialog.setResult(profile);
                dialog.close();
            });
        });
        dialog.setResultConverter(button -> saved);
        dialog.setOnShown(e -> fitToScreen());
        dialog.setOnHidden(e -> vm.test.cancel());
    }

    /** A roomy size (the dialog would otherwise shrink to its minimum), within the screen it opens on. */
    private void fitToScreen() {
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getScreensForRectangle(dialog.getX(), dialog.getY(), 1, 1)
                .stream().findFirst().orElse(javafx.stage.Screen.getPrimary()).getVisualBounds();
        dialog.setWidth(Math.min(840, screen.getWidth()));
        dialog.setHeight(Math.min(860, screen.getHeight()));
        dialog.setX(screen.getMinX() + (screen.getWidth() - dialog.getWidth()) / 2);
        dialog.setY(screen.getMinY() + (screen.getHeight() - dialog.getHeight()) / 2);
    }

    /** Shows the editor and waits; the saved profile, or empty when the user cancelled. */
    public Optional<Profile> showAndWait() {
        return dialog.showAndWait();
    }

    private VBox general() {
        FormGrid grid = new FormGrid(vm.errors);
        grid.row("Name", FormGrid.text(vm.name, "profile-name", "e.g. prod-eu"), EditorField.NAME);
        ColorPicker colour = new ColorPicker(initialColour());
        colour.setId("profile-color");
        colour.valueProperty().addListener((o, a, c) -> vm.color.set(toHex(c)));
        ComboBox<Environment> environment = new ComboBox<>(FXCollections.observableArrayList(Environment.values()));
        environment.setId("profile-environment");
        environment.valueProperty().bindBidirectional(vm.environment);
        vm.environment.addListener((o, a, env) -> {
            if (vm.color.get().isEmpty()) {
                colour.setValue(environmentColour(env));
                vm.color.set("");
            }
        });
        HBox colourRow = new HBox(10, colour, new Label("Environment"), environment);
        colourRow.setAlignment(Pos.CENTER_LEFT);
        grid.row("Colour", colourRow, null);
        CheckBox readOnly = new CheckBox("Read-only (also outside prod)");
        readOnly.setId("profile-read-only");
        readOnly.selectedProperty().bindBidirectional(vm.readOnly);
        grid.row("", readOnly, null);
        grid.note(EditorSections.hint("Prod profiles open read-only: replay, redrive, produce and offset resets are refused"
                + " until writing is unlocked for the run by typing the profile name."))
                .showWhen(Bindings.createBooleanBinding(() -> vm.environment.get() == Environment.PROD || vm.readOnly.get(),
                        vm.environment, vm.readOnly));
        Label problem = new Label();
        problem.setId("error-profile");
        problem.getStyleClass().add("field-error");
        problem.setWrapText(true);
        problem.textProperty().bind(Bindings.stringValueAt(vm.errors, EditorField.PROFILE));
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        Label notice = new Label();
        notice.getStyleClass().add("form-warning");
        notice.textProperty().bind(vm.notice);
        notice.managedProperty().bind(vm.notice.isNotEmpty());
        return EditorSections.section("General", "profile-section-general", grid, problem, notice);
    }

    private VBox cluster() {
        FormGrid grid = new FormGrid(vm.errors);
        grid.row("Bootstrap servers", FormGrid.text(vm.bootstrap, "profile-bootstrap", "broker-1:9092,broker-2:9092"),
                EditorField.BOOTSTRAP);
        ComboBox<SecurityProtocol> protocol = new ComboBox<>(FXCollections.observableArrayList(SecurityProtocol.values()));
        protocol.setId("profile-protocol");
        protocol.valueProperty().bindBidirectional(vm.protocol);
        grid.row("Security protocol", protocol, null);
        return EditorSections.section("Cluster", "profile-section-cluster", grid);
    }

    private Node testPanel() {
        Button test = Icons.button(Feather.ACTIVITY, "Test connection", "Check DNS/TCP, TLS, authentication, the cluster and the registry");
        test.setId("profile-test");
        test.setMinWidth(Region.USE_PREF_SIZE);
        test.disableProperty().bind(vm.test.running);
        test.setOnAction(e -> vm.testConnection());
        Button cancel = Icons.button(Feather.X, "Cancel test", "Stop waiting for the running test");
        cancel.setId("profile-test-cancel");
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        cancel.visibleProperty().bind(vm.test.running);
        cancel.managedProperty().bind(vm.test.running);
        cancel.setOnAction(e -> vm.test.cancel());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.test.running);
        busy.managedProperty().bind(vm.test.running);
        Label status = new Label();
        status.setId("profile-test-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.test.status);
        vm.test.outcome.addListener((o, a, outcome) -> {
            status.getStyleClass().removeAll("test-passed", "test-failed");
            if (outcome == ConnectionTestRun.Outcome.PASSED) {
                status.getStyleClass().add("test-passed");
            } else if (outcome == ConnectionTestRun.Outcome.FAILED) {
                status.getStyleClass().add("test-failed");
            }
        });
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox bar = new HBox(10, test, cancel, busy, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        GridPane steps = new GridPane();
        steps.setId("profile-test-steps");
        steps.setHgap(10);
        steps.setVgap(3);
        steps.managedProperty().bind(Bindings.isNotEmpty(vm.test.steps));
        vm.test.steps.addListener((ListChangeListener<ConnectionTestStep>) c -> fillSteps(steps));
        Label saveError = new Label();
        saveError.setId("profile-save-error");
        saveError.getStyleClass().add("field-error");
        saveError.setWrapText(true);
        saveError.textProperty().bind(vm.saveError);
        saveError.managedProperty().bind(vm.saveError.isNotEmpty());
        VBox panel = new VBox(8, bar, steps, saveError);
        panel.setPadding(new Insets(10, 14, 6, 14));
        panel.getStyleClass().add("profile-test-panel");
        return panel;
    }

    private void fillSteps(GridPane grid) {
        grid.getChildren().clear();
        int row = 0;
        for (ConnectionTestStep step : vm.test.steps) {
            Label mark = new Label(switch (step.status()) {
                case OK -> "✓";
                case FAILED -> "✗";
                case SKIPPED -> "–";
            });
            mark.getStyleClass().add("test-step-" + step.status().name().toLowerCase(java.util.Locale.ROOT));
            Label name = new Label(step.name());
            name.getStyleClass().add("test-step-name");
            Label message = new Label(step.message());
            message.setWrapText(true);
            message.getStyleClass().add(step.status() == StepStatus.FAILED ? "test-failed" : "text-muted");
            Label time = new Label(step.status() == StepStatus.SKIPPED ? "" : step.duration().toMillis() + " ms");
            time.getStyleClass().add("text-muted");
            time.setMinWidth(Region.USE_PREF_SIZE);
            name.setMinWidth(Region.USE_PREF_SIZE);
            mark.setMinWidth(Region.USE_PREF_SIZE);
            GridPane.setHgrow(message, Priority.ALWAYS);
            grid.addRow(row++, mark, name, message, time);
        }
    }

    private Color initialColour() {
        if (!vm.color.get().isEmpty()) {
            try {
                return Color.web(vm.color.get());
            } catch (IllegalArgumentException notAColour) {
                // an old profile's unreadable colour: show the environment's
            }
        }
        return environmentColour(vm.environment.get());
    }

    static Color environmentColour(Environment environment) {
        return switch (Objects.requireNonNullElse(environment, Environment.DEV)) {
            case PROD -> Color.web("#d1242f");
            case TEST -> Color.web("#bf8700");
            case DEV -> Color.web("#1f883d");
        };
    }

    static String toHex(Color c) {
        return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }

    private static void showWhen(Region node, javafx.beans.value.ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }
}
