package dev.backtrack.ui.profile;

import static dev.backtrack.ui.profile.ProfileUiSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.profile.ConnectionTestReport;
import dev.backtrack.profile.ConnectionTester;
import dev.backtrack.profile.Environment;
import dev.backtrack.profile.Profile;
import dev.backtrack.profile.ProfileConnections;
import dev.backtrack.profile.ProfileContext;
import dev.backtrack.profile.SaslMechanism;
import dev.backtrack.profile.SecretKind;
import dev.backtrack.profile.SecureTestCluster;
import dev.backtrack.profile.SecurityProtocol;
import dev.backtrack.profile.StoreType;
import dev.backtrack.testing.TestServers;
import dev.backtrack.ui.common.Theme;
import dev.backtrack.ui.main.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The profile editor in a real window: New… → fill → test connection → Save → the profile is listed; Edit in dark;
 * and a SASL profile tested against the secured cluster (right and wrong password).
 */
@ExtendWith(ApplicationExtension.class)
class ProfileEditorUiTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private static Path dir;
    private static ProfileContext context;
    private MainWindow window;

    @BeforeAll
    static void isolate() throws Exception {
        context = ProfileUiSupport.installContext("editor-ui");
        dir = context.configDir(); // not a @TempDir: the window's settings are saved after a short delay
        TestServers.bootstrap();
    }

    @AfterAll
    static void restore() {
        ProfileConnections.install(null);
    }

    @Start
    void start(Stage stage) {
        window = ProfileUiSupport.startWindow(stage, dir);
        window.loadSavedProfiles(() -> { });
    }

    private void set(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup("#" + id).queryAs(TextField.class).setText(text));
    }

    @SuppressWarnings("unchecked")
    private <T> void choose(FxRobot robot, String id, T value) {
        robot.interact(() -> robot.lookup("#" + id).queryAs(ComboBox.class).setValue(value));
    }

    private Node editor(FxRobot robot) {
        await().atMost(WAIT).until(() -> robot.lookup("#profile-editor").tryQuery().isPresent());
        return robot.lookup("#profile-editor").query();
    }

    @Test
    void newProfileIsTestedSavedWithSecretsInTheStoreAndListed(FxRobot robot) throws Exception {
        robot.clickOn("#profile-new");
        Node editor = editor(robot);
        Node save = robot.lookup("#profile-save").query();
        assertThat(save.isDisabled()).as("empty form").isTrue();
        assertThat(fx(() -> robot.lookup("#error-name").queryAs(Label.class).getText())).isEqualTo("Required");

        robot.clickOn("#profile-name").write("team-dev");
        set(robot, "profile-bootstrap", "localhost");
        assertThat(fx(() -> robot.lookup("#error-bootstrap").queryAs(Label.class).getText())).contains("host:port");
        set(robot, "profile-bootstrap", TestServers.bootstrap());
        await().atMost(WAIT).until(() -> fx(() -> !save.isDisabled()));

        // test the plaintext connection before saving: every step passes or is skipped, with times
        robot.clickOn("#profile-test");
        await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#profile-test-status").queryAs(Label.class).getText())
                .startsWith("Connection works"));
        GridPane steps = robot.lookup("#profile-test-steps").queryAs(GridPane.class);
        assertThat(fx(() -> steps.getChildren().stream().filter(n -> n instanceof Label l && l.getText().equals("✓")).count()))
                .isGreaterThanOrEqualTo(3);
        assertThat(fx(() -> steps.getChildren().stream().noneMatch(n -> n instanceof Label l && l.getText().equals("✗")))).isTrue();
        ProfileUiSupport.snapshot(editor.getScene(), ProfileUiSupport.screenshot("profile-editor-test-light.png"));

        // now make it a SASL_SSL + SCRAM profile with a trust store and a registry with basic auth
        choose(robot, "profile-protocol", SecurityProtocol.SASL_SSL);
        choose(robot, "profile-mechanism", SaslMechanism.SCRAM_SHA_512);
        assertThat(fx(save::isDisabled)).as("user and password missing").isTrue();
        set(robot, "profile-username", "alice");
        robot.clickOn("#profile-password").write("s3cret-pw");
        Path trust = Files.writeString(dir.resolve("ca.p12"), "placeholder store");
        set(robot, "profile-truststore", trust.toString());
        set(robot, "profile-truststore-password", "trust-pw");
        robot.interact(() -> robot.lookup("#profile-registry-enabled").queryAs(javafx.scene.control.CheckBox.class).setSelected(true));
        set(robot, "profile-registry-url", "https://registry.example.com:8081");
        choose(robot, "profile-registry-auth", dev.backtrack.profile.RegistryAuth.BASIC);
        set(robot, "profile-registry-username", "reader");
        set(robot, "profile-registry-password", "registry-pw");
        choose(robot, "profile-environment", Environment.TEST);
        robot.interact(() -> robot.lookup("#profile-verify-hostname").queryAs(javafx.scene.control.CheckBox.class).setSelected(false));
        assertThat(fx(() -> robot.lookup("#profile-hostname-warning").query().isVisible())).isTrue();
        robot.interact(() -> robot.lookup("#profile-verify-hostname").queryAs(javafx.scene.control.CheckBox.class).setSelected(true));
        await().atMost(WAIT).until(() -> fx(() -> !save.isDisabled()));
        ProfileUiSupport.snapshot(editor.getScene(), ProfileUiSupport.screenshot("profile-editor-light.png"));

        robot.clickOn(save);
        await().atMost(WAIT).until(() -> robot.lookup("#profile-editor").tryQuery().isEmpty());
        await().atMost(WAIT).until(() -> fx(() -> window.entries().stream().anyMatch(e -> e.name().equals("team-dev"))));
        await().atMost(WAIT).until(() -> robot.lookup("#profile-list .profile-name")
                .match(n -> ((Label) n).getText().equals("team-dev")).tryQuery().isPresent());
        robot.clickOn(dev.backtrack.ui.UiTestSupport.profileCell(robot, "team-dev"));
        ProfileUiSupport.snapshot(robot.lookup("#main-window").query().getScene(), ProfileUiSupport.screenshot("profiles-list-light.png"));
        Profile saved = context.store().get("team-dev");
        assertThat(saved.securityProtocol()).isEqualTo(SecurityProtocol.SASL_SSL);
        assertThat(saved.sasl().username()).isEqualTo("alice");
        assertThat(saved.environment()).isEqualTo(Environment.TEST);
        assertThat(Files.readString(context.store().file())).doesNotContain("s3cret-pw").doesNotContain("trust-pw").doesNotContain("registry-pw");
        assertThat(context.secrets().read("team-dev", SecretKind.SASL_PASSWORD)).contains("s3cret-pw");

        // edit it again in the dark theme: the stored secrets need not be typed again
        robot.interact(() -> window.setTheme(Theme.DARK));
        robot.clickOn(dev.backtrack.ui.UiTestSupport.profileCell(robot, "team-dev"));
        await().atMost(WAIT).until(() -> fx(() -> !robot.lookup("#profile-edit").query().isDisabled()));
        robot.clickOn("#profile-edit");
        Node again = editor(robot);
        assertThat(fx(() -> window.tabs().getTabs().isEmpty())).isTrue();
        assertThat(fx(() -> robot.lookup("#profile-name").queryAs(TextField.class).getText())).isEqualTo("team-dev");
        await().atMost(WAIT).until(() -> fx(() -> !robot.lookup("#profile-save").query().isDisabled()));
        assertThat(fx(() -> robot.lookup("#profile-password").queryAs(TextField.class).getPromptText())).contains("stored");
        ProfileUiSupport.snapshot(again.getScene(), ProfileUiSupport.screenshot("profile-editor-dark.png"));
        set(robot, "profile-bootstrap", "localhost:1");
        robot.clickOn("#profile-test");
        await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#profile-test-status").queryAs(Label.class).getText())
                .startsWith("Failed at DNS/TCP localhost:1"));
        ProfileUiSupport.snapshot(again.getScene(), ProfileUiSupport.screenshot("profile-editor-failed-dark.png"));
        robot.clickOn("#profile-cancel");
        await().atMost(WAIT).until(() -> robot.lookup("#profile-editor").tryQuery().isEmpty());
        assertThat(context.store().get("team-dev").bootstrapServers()).as("cancel keeps the saved profile").isEqualTo(TestServers.bootstrap());
        robot.interact(() -> window.setTheme(Theme.LIGHT));

        // delete from the list's menu, confirmed: profile and secrets are gone
        robot.clickOn(dev.backtrack.ui.UiTestSupport.profileCell(robot, "team-dev"));
        robot.clickOn("#profile-more");
        robot.clickOn("Delete profile…");
        await().atMost(WAIT).until(() -> robot.lookup("#profile-delete-confirm").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#profile-delete-confirm .button")
                .match(b -> ((javafx.scene.control.Button) b).getText().equals("OK")).queryButton());
        await().atMost(WAIT).until(() -> fx(() -> window.entries().stream().noneMatch(e -> e.name().equals("team-dev"))));
        assertThat(context.store().list()).extracting(Profile::name).doesNotContain("team-dev");
        assertThat(context.secrets().read("team-dev", SecretKind.SASL_PASSWORD)).isEmpty();
    }

    /**
     * A SASL_SSL + SCRAM-SHA-512 profile filled through the form against the secured test cluster: every Kafka
     * step passes; a wrong password fails at the authentication step only, in one sentence; the saved profile
     * file holds no secret, and the stored secrets connect.
     */
    @Test
    void saslProfileIsTestedAgainstTheSecuredClusterAndAWrongPasswordFailsAtAuthentication(FxRobot robot) throws Exception {
        SecureTestCluster secure = SecureTestCluster.get();
        String wrongPassword = "not-alice-" + System.nanoTime();
        robot.clickOn("#profile-new");
        Node editor = editor(robot);
        robot.clickOn("#profile-name").write("secured-dev");
        set(robot, "profile-bootstrap", secure.secureBootstrap());
        choose(robot, "profile-protocol", SecurityProtocol.SASL_SSL);
        choose(robot, "profile-mechanism", SaslMechanism.SCRAM_SHA_512);
        robot.clickOn("#profile-username").write(SecureTestCluster.USER);
        robot.clickOn("#profile-password").write(SecureTestCluster.PASSWORD);
        // the trust store goes into the file picker's path field (the native chooser cannot be driven); its type follows the name
        assertThat(robot.lookup("#profile-truststore-browse").tryQuery()).isPresent();
        set(robot, "profile-truststore", secure.caTrustStore.toString());
        assertThat(fx(() -> robot.lookup("#profile-truststore-type").queryAs(ComboBox.class).getValue())).isEqualTo(StoreType.PKCS12);
        robot.clickOn("#profile-truststore-password").write(SecureTestCluster.STORE_PASSWORD);
        Node save = robot.lookup("#profile-save").query();
        await().atMost(WAIT).until(() -> fx(() -> !save.isDisabled()));

        String tcp = "DNS/TCP " + secure.secureBootstrap();
        robot.clickOn("#profile-test");
        Label status = robot.lookup("#profile-test-status").queryAs(Label.class);
        await().atMost(WAIT).until(() -> fx(() -> status.getText().startsWith("Connection works")));
        assertThat(fx(() -> status.getStyleClass())).contains("test-passed");
        List<ProfileUiSupport.ShownStep> passed = ProfileUiSupport.shownSteps(robot);
        assertThat(passed).extracting(ProfileUiSupport.ShownStep::name).containsExactly(tcp, ConnectionTester.TLS,
                ConnectionTester.AUTHENTICATION, ConnectionTester.DESCRIBE_CLUSTER, ConnectionTester.REGISTRY);
        assertThat(passed.subList(0, 4)).allSatisfy(step -> {
            assertThat(step.mark()).as(step.name()).isEqualTo("✓");
            assertThat(step.markStyles()).as(step.name()).contains("test-step-ok");
        });
        assertThat(passed.get(1).message()).contains("CN=localhost").contains("host name verified");
        assertThat(passed.get(2).message()).isEqualTo("authenticated as 'alice' with SCRAM-SHA-512");
        assertThat(passed.get(3).message()).contains("1 broker(s)");
        assertThat(passed.get(4).mark()).as("no registry in this profile").isEqualTo("–");
        assertThat(passed.get(4).message()).isEqualTo("no schema registry configured");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ProfileUiSupport.shownSteps(robot))
                .allSatisfy(step -> assertThat(step.messageShownInFull()).as("not clipped: " + step.message()).isTrue()));
        ProfileUiSupport.snapshot(editor.getScene(), ProfileUiSupport.screenshot("profile-sasl-test-light.png"));

        // a wrong password: reachability and TLS still pass, authentication fails in one sentence, the rest is skipped
        robot.interact(() -> robot.lookup("#profile-password").queryAs(TextField.class).clear());
        robot.clickOn("#profile-password").write(wrongPassword);
        robot.clickOn("#profile-test");
        await().atMost(WAIT).until(() -> fx(() -> status.getText().startsWith("Failed at ")));
        String failure = "authentication failed for user 'alice' (mechanism SCRAM-SHA-512)";
        assertThat(fx(status::getText)).matches("Failed at " + ConnectionTester.AUTHENTICATION + " \\(\\d+\\.\\d s\\)");
        assertThat(fx(() -> status.getStyleClass())).contains("test-failed");
        List<ProfileUiSupport.ShownStep> failed = ProfileUiSupport.shownSteps(robot);
        assertThat(failed).extracting(ProfileUiSupport.ShownStep::name).containsExactly(tcp, ConnectionTester.TLS,
                ConnectionTester.AUTHENTICATION, ConnectionTester.DESCRIBE_CLUSTER, ConnectionTester.REGISTRY);
        assertThat(failed).extracting(ProfileUiSupport.ShownStep::mark).containsExactly("✓", "✓", "✗", "–", "–");
        assertThat(failed.get(2).message()).isEqualTo(failure).doesNotContain("\n");
        assertThat(failed.get(2).markStyles()).contains("test-step-failed");
        assertThat(failed.get(3).message()).isEqualTo("authentication failed");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ProfileUiSupport.shownSteps(robot))
                .allSatisfy(step -> assertThat(step.messageShownInFull()).as("not clipped: " + step.message()).isTrue()));
        ProfileUiSupport.snapshot(editor.getScene(), ProfileUiSupport.screenshot("profile-sasl-failed-light.png"));

        // back to the right password and save: the file holds no secret, the secret store does, and they connect
        robot.interact(() -> robot.lookup("#profile-password").queryAs(TextField.class).clear());
        robot.clickOn("#profile-password").write(SecureTestCluster.PASSWORD);
        await().atMost(WAIT).until(() -> fx(() -> !save.isDisabled()));
        robot.clickOn(save);
        await().atMost(WAIT).until(() -> robot.lookup("#profile-editor").tryQuery().isEmpty());
        await().atMost(WAIT).until(() -> fx(() -> window.entries().stream().anyMatch(e -> e.name().equals("secured-dev"))));
        Profile saved = context.store().get("secured-dev");
        assertThat(saved.securityProtocol()).isEqualTo(SecurityProtocol.SASL_SSL);
        assertThat(saved.sasl().mechanism()).isEqualTo(SaslMechanism.SCRAM_SHA_512);
        assertThat(saved.sasl().username()).isEqualTo(SecureTestCluster.USER);
        assertThat(saved.tls().trustStore()).isEqualTo(secure.caTrustStore.toString());
        String file = Files.readString(context.store().file());
        assertThat(file).contains("secured-dev").contains(SecureTestCluster.USER)
                .doesNotContain(SecureTestCluster.PASSWORD).doesNotContain(SecureTestCluster.STORE_PASSWORD).doesNotContain(wrongPassword);
        assertThat(context.secrets().read("secured-dev", SecretKind.SASL_PASSWORD)).contains(SecureTestCluster.PASSWORD);
        assertThat(context.secrets().read("secured-dev", SecretKind.TRUSTSTORE_PASSWORD)).contains(SecureTestCluster.STORE_PASSWORD);
        ConnectionTestReport stored = new ConnectionTester().test(saved, context.resolve(saved), SecureTestCluster.GRANTED_TOPIC);
        assertThat(stored.succeeded()).as(stored.toString()).isTrue();
    }
}
