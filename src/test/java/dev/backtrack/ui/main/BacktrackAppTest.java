package dev.backtrack.ui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.sandbox.DemoManifest;
import dev.backtrack.sandbox.DemoTopic;
import dev.backtrack.ui.connection.ConnectionTab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The whole application as the CLI starts it: launch options connect at start and open the requested topic. */
class BacktrackAppTest {
    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private javafx.application.Application app;
    private final String previousConfigDir = System.getProperty("backtrack.config.dir");

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        if (previousConfigDir != null) {
            System.setProperty("backtrack.config.dir", previousConfigDir);
        }
    }

    @Test
    void launchOptionsConnectAndOpenTheTopic(@TempDir Path config) throws Exception {
        DemoManifest demo = UiFixture.demo();
        System.setProperty("backtrack.config.dir", config.toString());
        String topic = demo.topics().get(DemoTopic.PAYMENTS);
        LaunchOptions.set(new LaunchOptions(UiFixture.entries(), "demo", topic, false));
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(BacktrackApp.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> WaitForAsyncUtils.asyncFx(() -> {
            TabPane tabs = (TabPane) FxToolkit.toolkitContext().getRegisteredStage().getScene().lookup("#connection-tabs");
            return tabs != null && tabs.getTabs().size() == 1
                    && topic.equals(((ConnectionTab) tabs.getTabs().getFirst()).viewModel().browse().topicProperty().get())
                    && !((ConnectionTab) tabs.getTabs().getFirst()).viewModel().browse().rows().isEmpty();
        }).get());
        assertThat(List.of(config.toFile().list())).doesNotContain("ui-settings.json.tmp");
    }
}
