package dev.backtrack.ui.replay;

import dev.backtrack.ui.common.Icons;
import dev.backtrack.ui.connection.BrowseSelection;
import dev.backtrack.ui.connection.ConnectionFeature;
import dev.backtrack.ui.connection.Workbench;
import java.util.List;
import javafx.scene.control.MenuItem;
import org.kordamp.ikonli.feather.Feather;

/** "Replay…" in the Actions menu: opens the replay wizard for the open topic, pre-filled from the selection. */
public final class ReplayFeature implements ConnectionFeature {
    @Override
    public List<MenuItem> actions(Workbench bench, BrowseSelection selection) {
        MenuItem replay = new MenuItem("Replay…", Icons.icon(Feather.REPEAT));
        replay.setId("action-replay");
        replay.setDisable(!selection.hasTopic());
        replay.setOnAction(e -> open(bench, bench.selection()));
        return List.of(replay);
    }

    static void open(Workbench bench, BrowseSelection selection) {
        ReplayEnvironment env = new ReplayEnvironment(bench.name(), bench.profile(), bench.settings(), bench.clients(), bench.browser(),
                TargetProfiles.saved());
        ReplayWizardViewModel vm = new ReplayWizardViewModel(env, bench.ui(), selection);
        ReplayWizardView view = new ReplayWizardView(vm, () -> openTarget(bench, vm));
        vm.reportProperty().addListener((o, a, report) -> {
            if (report != null && report.targetCreated() && vm.targetIsThisConnection()) {
                bench.refreshTopics();
            }
        });
        // one wizard per source topic; a second "Replay…" of the same topic selects the open one
        bench.openView("replay:" + selection.topic(), "Replay " + selection.topic(), Feather.REPEAT, view);
        vm.start();
    }

    private static void openTarget(Workbench bench, ReplayWizardViewModel vm) {
        var start = vm.targetStart();
        if (start.isEmpty()) {
            bench.showError("Nothing was written to " + vm.targetTopic() + ", so there is nothing to open");
        } else if (!vm.targetIsThisConnection()) {
            bench.showError(vm.targetTopic() + " is on profile " + vm.target().profile() + ": connect to that profile to browse it");
        } else {
            bench.browseAt(vm.targetTopic(), start.get().partition(), start.get().firstOffset());
        }
    }
}
