package dev.backtrack.ui.audit;

import static dev.backtrack.ui.UiTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.profile.InMemorySecretStore;
import dev.backtrack.profile.ProfileConnections;
import dev.backtrack.profile.ProfileContext;
import dev.backtrack.ui.UiTestSupport;
import dev.backtrack.ui.common.UiExecutor;
import dev.backtrack.ui.common.UiSettingsStore;
import dev.backtrack.ui.main.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The audit log window opened from the main window's header: the writes, newest first, failed ones marked. */
@ExtendWith(ApplicationExtension.class)
class AuditLogUiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private static ProfileContext context;

    @BeforeAll
    static void ownLog() throws Exception {
        Path base = Path.of(System.getProperty(ProfileContext.CONFIG_DIR_PROPERTY, System.getProperty("java.io.tmpdir")));
        Path dir = Files.createDirectories(base.resolve("audit-ui-" + System.nanoTime()));
        context = new ProfileContext(dir, dir, InMemorySecretStore::new);
        ProfileConnections.install(context);
        AuditEntries.write(context.audit().file());
    }

    @AfterAll
    static void restore() {
        ProfileConnections.install(null);
    }

    @Start
    void start(Stage stage) {
        UiSettingsStore store = new UiSettingsStore(context.configDir().resolve("ui-settings.json"));
        store.settings().theme = "LIGHT";
        store.settings().windowWidth = 1200;
        store.settings().windowHeight = 700;
        new MainWindow(store, UiExecutor.fx()).showIn(stage);
    }

    @Test
    void theHeaderOpensTheAuditLogWithFailedWritesMarked(FxRobot robot) throws Exception {
        robot.clickOn("#audit-log");
        await().atMost(WAIT).until(() -> fx(() -> !robot.lookup("#audit-table").queryAll().isEmpty()
                && robot.lookup("#audit-table").queryAs(TableView.class).getItems().size() == 3));
        TableView<?> table = robot.lookup("#audit-table").queryAs(TableView.class);
        assertThat(fx(() -> ((AuditLogViewModel.Row) table.getItems().getFirst()).topic())).isEqualTo("payments");
        assertThat(fx(() -> robot.lookup("#audit-status").queryAs(Label.class).getText()))
                .isEqualTo("3 write(s) · 1 failed · 1 line(s) of the log could not be read (line 3 first)");
        // the failed redrive's row carries the pseudo-class its red text hangs on
        List<Boolean> failedRows = fx(() -> robot.lookup("#audit-table .table-row-cell").queryAll().stream()
                .map(n -> (TableRow<?>) n).filter(r -> r.getItem() != null)
                .sorted(java.util.Comparator.comparingInt(TableRow::getIndex))
                .map(r -> r.getPseudoClassStates().contains(PseudoClass.getPseudoClass("failed"))).toList());
        assertThat(failedRows).containsExactly(false, true, false);

        // a second click brings the same window to the front instead of opening another
        Window auditWindow = fx(() -> table.getScene().getWindow());
        robot.interact(() -> ((Stage) auditWindow).toBack());
        robot.clickOn("#audit-log");
        assertThat(fx(() -> Window.getWindows().stream().filter(w -> w.getScene() != null
                && w.getScene().lookup("#audit-table") != null).count())).isEqualTo(1);

        robot.clickOn("#audit-outcome");
        robot.clickOn("Failed");
        assertThat(fx(() -> table.getItems().size())).isEqualTo(1);
        robot.clickOn("#audit-outcome");
        robot.clickOn("All outcomes");
        UiTestSupport.snapshot(auditWindow.getScene(), Path.of("target", "screenshots", "audit-log-light.png"));
    }
}
