package dev.backtrack.ui.profile;

import static dev.backtrack.ui.profile.ProfileUiSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.kafka.WriteAction;
import dev.backtrack.kafka.WriteRefusedException;
import dev.backtrack.profile.ProfileConnections;
import dev.backtrack.profile.ProfileContext;
import dev.backtrack.ui.common.Theme;
import dev.backtrack.ui.connection.ConnectionTab;
import dev.backtrack.ui.connection.Workbench;
import dev.backtrack.ui.main.MainWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The prod guard in a real window: read-only bar, unlock by typing the name, UNLOCKED banner, lock again. */
@ExtendWith(ApplicationExtension.class)
class UnlockUiTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private static Path dir;
    private static ProfileContext context;
    private MainWindow window;
    private Stage stage;

    @BeforeAll
    static void isolate() throws Exception {
        context = ProfileUiSupport.installContext("unlock-ui");
        dir = context.configDir(); // not a @TempDir: the window's settings are saved after a short delay
        dev.backtrack.testing.TestServers.bootstrap(); // starts the cluster here, not on the FX thread in @Start
    }

    @AfterAll
    static void restore() {
        ProfileConnections.install(null);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = ProfileUiSupport.startWindow(stage, dir);
        window.addEntries(ProfileUiSupport.entries());
    }

    private ConnectionTab connect(FxRobot robot, String name) {
        robot.clickOn(dev.backtrack.ui.UiTestSupport.profileCell(robot, name));
        robot.clickOn("#connect");
        await().atMost(WAIT).until(() -> fx(() -> window.tabs().getTabs().stream()
                .anyMatch(t -> t instanceof ConnectionTab ct && ct.viewModel().entry().name().equals(name))));
        return (ConnectionTab) fx(() -> window.tabs().getSelectionModel().getSelectedItem());
    }

    private String bannerText(FxRobot robot) {
        return fx(() -> robot.lookup("#write-banner-text").queryAs(Label.class).getText());
    }

    private static void assertWriteRefused(Workbench bench) {
        assertThatThrownBy(() -> bench.clients().producer(WriteAction.PRODUCE, "anything", Map.of()).close())
                .isInstanceOf(WriteRefusedException.class).hasMessageContaining("prod-eu");
    }

    @Test
    void protectedConnectionIsReadOnlyUntilTheNameIsTypedAndLocksAgain(FxRobot robot) throws Exception {
        ConnectionTab demo = connect(robot, "demo");
        assertThat(fx(() -> demo.getContent().lookup("#write-banner"))).as("unprotected: no banner").isNull();

        ConnectionTab tab = connect(robot, "prod-eu");
        Workbench bench = tab.workbench();
        Node banner = fx(() -> tab.getContent().lookup("#write-banner"));
        assertThat(banner).isNotNull();
        assertThat(bannerText(robot)).isEqualTo("prod-eu is read-only");
        assertThat(fx(() -> banner.getStyleClass().contains("write-locked"))).isTrue();
        assertThat(fx(() -> new WriteUnlockFeature().actions(bench, bench.selection())))
                .extracting(MenuItem::getId).containsExactly("action-unlock");
        assertWriteRefused(bench);

        robot.clickOn("#write-banner-toggle");
        await().atMost(WAIT).until(() -> robot.lookup("#unlock-name").tryQuery().isPresent());
        Node confirm = robot.lookup("#unlock-confirm").query();
        assertThat(confirm.isDisabled()).isTrue();
        robot.clickOn("#unlock-name").write("prod-e");
        assertThat(fx(confirm::isDisabled)).as("a partial name does not unlock").isTrue();
        robot.write("u");
        assertThat(fx(confirm::isDisabled)).isFalse();
        ProfileUiSupport.snapshot(confirm.getScene(), ProfileUiSupport.screenshot("unlock-dialog-light.png"));
        robot.clickOn(confirm);

        await().atMost(WAIT).until(() -> bannerText(robot).startsWith("Writing to prod-eu is UNLOCKED"));
        assertThat(fx(() -> banner.getStyleClass().contains("write-unlocked"))).isTrue();
        assertThat(context.guard().isUnlocked("prod-eu")).isTrue();
        assertThat(fx(() -> new WriteUnlockFeature().actions(bench, bench.selection())))
                .extracting(MenuItem::getId).containsExactly("action-lock");
        bench.clients().producer(WriteAction.PRODUCE, "anything", Map.of()).close(); // the engine allows it now
        ProfileUiSupport.snapshot(stage.getScene(), ProfileUiSupport.screenshot("unlocked-banner-light.png"));
        robot.interact(() -> window.setTheme(Theme.DARK));
        ProfileUiSupport.snapshot(stage.getScene(), ProfileUiSupport.screenshot("unlocked-banner-dark.png"));
        robot.interact(() -> window.setTheme(Theme.LIGHT));

        robot.clickOn("#write-banner-toggle");
        await().atMost(WAIT).until(() -> bannerText(robot).equals("prod-eu is read-only"));
        assertThat(context.guard().isUnlocked("prod-eu")).isFalse();
        assertWriteRefused(bench);
        ProfileUiSupport.snapshot(stage.getScene(), ProfileUiSupport.screenshot("read-only-bar-light.png"));
    }

    @Test
    void aWrongNameKeepsWritingLockedAndCancelReturnsFalse(FxRobot robot) {
        ConnectionTab tab = connect(robot, "prod-eu");
        robot.interact(() -> {
            // the helper other views call on a WriteRefusedException; cancelled, it reports false
            javafx.application.Platform.runLater(() -> {
                boolean allowed = UnlockDialog.ask(stage, tab.workbench());
                tab.getContent().getProperties().put("unlock-answer", allowed);
            });
        });
        await().atMost(WAIT).until(() -> robot.lookup("#unlock-name").tryQuery().isPresent());
        robot.clickOn("#unlock-name").write("PROD-EU");
        assertThat(fx(() -> robot.lookup("#unlock-confirm").query().isDisabled())).as("case matters").isTrue();
        robot.clickOn("#unlock-cancel");
        await().atMost(WAIT).until(() -> fx(() -> tab.getContent().getProperties().get("unlock-answer")) != null);
        assertThat(fx(() -> tab.getContent().getProperties().get("unlock-answer"))).isEqualTo(false);
        assertThat(context.guard().isUnlocked("prod-eu")).isFalse();
        assertThat(bannerText(robot)).isEqualTo("prod-eu is read-only");
    }
}
