package dev.backtrack.ui.replay;

import dev.backtrack.ui.common.Icons;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The replay wizard: the step list on the left, the current step in the middle, Back/Next below (Alt+← / Alt+→,
 * Ctrl+Enter for Next). Closing the view cancels a running dry run or replay.
 */
public final class ReplayWizardView extends BorderPane implements AutoCloseable {
    private final ReplayWizardViewModel vm;
    private final Map<ReplayWizardViewModel.Step, Node> pages = new EnumMap<>(ReplayWizardViewModel.Step.class);
    private final Map<ReplayWizardViewModel.Step, Label> stepLabels = new EnumMap<>(ReplayWizardViewModel.Step.class);
    private final StackPane center = new StackPane();
    private final Button back = Icons.button(Feather.CHEVRON_LEFT, "Back", "Previous step (Alt+Left)");
    private final Button next = Icons.button(Feather.CHEVRON_RIGHT, "Next", "Next step (Ctrl+Enter or Alt+Right)");

    public ReplayWizardView(ReplayWizardViewModel vm, Runnable openTarget) {
        this.vm = vm;
        setId("replay-wizard");
        getStyleClass().add("replay-wizard");
        pages.put(ReplayWizardViewModel.Step.SOURCE, SourcePane.build(vm.source()));
        pages.put(ReplayWizardViewModel.Step.TARGET, TargetPane.build(vm.target()));
        pages.put(ReplayWizardViewModel.Step.OPTIONS, OptionsPane.build(vm.options()));
        pages.put(ReplayWizardViewModel.Step.DRY_RUN, DryRunPane.build(vm));
        pages.put(ReplayWizardViewModel.Step.RUN, RunPane.build(vm));
        pages.put(ReplayWizardViewModel.Step.REPORT, ReportPane.build(vm, openTarget));
        setLeft(stepList());
        setCenter(center);
        setBottom(buttons());
        vm.stepProperty().addListener(x -> refresh());
        vm.stepErrorProperty().addListener(x -> refresh());
        vm.busyProperty().addListener(x -> refresh());
        vm.runningProperty().addListener(x -> refresh());
        vm.previewProperty().addListener(x -> refresh());
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (NEXT.match(e) || ALT_RIGHT.match(e)) {
                vm.next();
                e.consume();
            } else if (ALT_LEFT.match(e)) {
                vm.back();
                e.consume();
            }
        });
        refresh();
    }

    private static final KeyCombination NEXT = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination ALT_RIGHT = new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.ALT_DOWN);
    private static final KeyCombination ALT_LEFT = new KeyCodeCombination(KeyCode.LEFT, KeyCombination.ALT_DOWN);

    public ReplayWizardViewModel viewModel() {
        return vm;
    }

    private Node stepList() {
        VBox list = new VBox(4);
        list.setId("replay-steps");
        list.getStyleClass().add("replay-steps");
        list.setPadding(new Insets(16, 12, 16, 12));
        list.setMinWidth(220);
        list.setPrefWidth(220);
        list.setMaxWidth(220);
        int n = 1;
        for (ReplayWizardViewModel.Step s : ReplayWizardViewModel.Step.values()) {
            Label l = new Label(n++ + "  " + s.title());
            l.setId("replay-step-" + s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            l.getStyleClass().add("replay-step");
            l.setMaxWidth(Double.MAX_VALUE);
            stepLabels.put(s, l);
            list.getChildren().add(l);
        }
        return list;
    }

    private Node buttons() {
        back.setId("replay-back");
        next.setId("replay-next");
        next.getStyleClass().add("accent");
        next.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        back.setOnAction(e -> vm.back());
        next.setOnAction(e -> vm.next());
        Label error = new Label();
        error.setId("replay-step-error");
        error.getStyleClass().add("replay-step-error");
        error.textProperty().bind(vm.stepErrorProperty());
        error.setWrapText(true);
        error.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(error, Priority.SOMETIMES);
        HBox bar = new HBox(10, error, spacer, back, next);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(10, 16, 10, 16));
        bar.getStyleClass().add("replay-buttons");
        back.setMinWidth(Region.USE_PREF_SIZE);
        next.setMinWidth(Region.USE_PREF_SIZE);
        return bar;
    }

    private void refresh() {
        ReplayWizardViewModel.Step current = vm.stepProperty().get();
        center.getChildren().setAll(pages.get(current));
        stepLabels.forEach((s, l) -> {
            l.getStyleClass().removeAll("replay-step-current", "replay-step-done");
            if (s == current) {
                l.getStyleClass().add("replay-step-current");
            } else if (s.ordinal() < current.ordinal()) {
                l.getStyleClass().add("replay-step-done");
            }
        });
        next.setText(switch (current) {
            case OPTIONS -> "Dry run";
            case DRY_RUN -> "Run replay";
            default -> "Next";
        });
        next.setGraphic(Icons.icon(current == ReplayWizardViewModel.Step.DRY_RUN ? Feather.PLAY : Feather.CHEVRON_RIGHT));
        boolean showNext = current.ordinal() < ReplayWizardViewModel.Step.RUN.ordinal();
        next.setVisible(showNext);
        next.setManaged(showNext);
        next.setDisable(!vm.canNext());
        back.setDisable(!vm.canBack());
    }

    @Override
    public void close() {
        vm.close();
    }
}
