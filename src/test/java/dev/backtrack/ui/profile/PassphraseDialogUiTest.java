package dev.backtrack.ui.profile;

import static dev.backtrack.ui.profile.ProfileUiSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.profile.EncryptedFileSecretStore;
import dev.backtrack.profile.PassphraseSource;
import dev.backtrack.profile.ProfileConnections;
import dev.backtrack.profile.ProfileContext;
import dev.backtrack.profile.SaslMechanism;
import dev.backtrack.profile.SecretKind;
import dev.backtrack.profile.SecretStore;
import dev.backtrack.profile.SecretStores;
import dev.backtrack.profile.SecurityProtocol;
import dev.backtrack.ui.common.Theme;
import dev.backtrack.ui.main.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The desktop passphrase dialog of the encrypted secret file, in a real window, with the file store forced and
 * the environment looked up as empty (the build sets BACKTRACK_PASSPHRASE, which would otherwise win): saving a
 * SASL profile asks for a new passphrase twice; the session remembers it; on the FX thread the dialog asks once,
 * Cancel fails with "no passphrase entered" and a wrong passphrase is asked again.
 */
@ExtendWith(ApplicationExtension.class)
class PassphraseDialogUiTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PASSWORD = "sasl-Pw-" + System.nanoTime();
    private static final String PASSPHRASE = "orange tractor 42";
    private static final UnaryOperator<String> NO_ENV = name -> null;

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private static Path dir;
    private static String previousStore;
    private MainWindow window;

    @BeforeAll
    static void isolate() throws Exception {
        previousStore = System.getProperty(SecretStores.STORE_PROPERTY);
        System.setProperty(SecretStores.STORE_PROPERTY, "file"); // never the machine's real keychain
        dir = ProfileUiSupport.installContext("passphrase-ui").configDir();
    }

    @AfterAll
    static void restore() {
        ProfileConnections.install(null);
        if (previousStore == null) {
            System.clearProperty(SecretStores.STORE_PROPERTY);
        } else {
            System.setProperty(SecretStores.STORE_PROPERTY, previousStore);
        }
    }

    @Start
    void start(Stage stage) {
        window = ProfileUiSupport.startWindow(stage, dir);
    }

    private static ProfileContext fileContext(DesktopPassphrase passphrase) {
        return new ProfileContext(dir, dir, () -> SecretStores.select(dir, System.err, passphrase, NO_ENV));
    }

    private void set(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup("#" + id).queryAs(TextField.class).setText(text));
    }

    @SuppressWarnings("unchecked")
    private <T> void choose(FxRobot robot, String id, T value) {
        robot.interact(() -> robot.lookup("#" + id).queryAs(ComboBox.class).setValue(value));
    }

    private static void awaitDialog(FxRobot robot) {
        await().atMost(WAIT).until(() -> robot.lookup("#passphrase-dialog").tryQuery().isPresent());
    }

    private static void awaitNoDialog(FxRobot robot) {
        await().atMost(WAIT).until(() -> robot.lookup("#passphrase-dialog").tryQuery().isEmpty());
    }

    /** Reads the SASL password on the FX thread (the dialog then runs in its nested event loop), not waiting for it. */
    private static CompletableFuture<String> readOnFxThread(SecretStore store) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(store.read("team-sasl", SecretKind.SASL_PASSWORD).orElse(null));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Test
    void savingASaslProfileAsksForANewPassphraseTwiceAndTheSessionRemembersIt(FxRobot robot) throws Exception {
        DesktopPassphrase passphrase = new DesktopPassphrase();
        ProfileContext context = fileContext(passphrase);
        ProfileConnections.install(context);
        Path secretsFile = dir.resolve("secrets.enc");

        robot.clickOn("#profile-new");
        await().atMost(WAIT).until(() -> robot.lookup("#profile-editor").tryQuery().isPresent());
        robot.clickOn("#profile-name").write("team-sasl");
        set(robot, "profile-bootstrap", "kafka.internal.example:9093");
        choose(robot, "profile-protocol", SecurityProtocol.SASL_PLAINTEXT);
        choose(robot, "profile-mechanism", SaslMechanism.SCRAM_SHA_512);
        set(robot, "profile-username", "alice");
        robot.clickOn("#profile-password").write(PASSWORD);
        Node save = robot.lookup("#profile-save").query();
        await().atMost(WAIT).until(() -> fx(() -> !save.isDisabled()));
        robot.clickOn(save);

        // the save runs in the background; the dialog comes up on the FX thread, asking twice as the file is new
        awaitDialog(robot);
        assertThat(secretsFile).doesNotExist();
        Node ok = robot.lookup("#passphrase-ok").query();
        assertThat(fx(ok::isDisabled)).isTrue();
        robot.clickOn("#passphrase-field").write(PASSPHRASE);
        robot.clickOn("#passphrase-repeat").write(PASSPHRASE + "x");
        assertThat(fx(() -> robot.lookup("#passphrase-mismatch").query().isVisible())).isTrue();
        assertThat(fx(ok::isDisabled)).as("the two differ").isTrue();
        ProfileUiSupport.snapshot(ok.getScene(), ProfileUiSupport.screenshot("passphrase-dialog-mismatch.png"));
        robot.interact(() -> robot.lookup("#passphrase-repeat").queryAs(TextField.class).setText(PASSPHRASE));
        await().atMost(WAIT).until(() -> fx(() -> !ok.isDisabled()));
        assertThat(fx(() -> robot.lookup("#passphrase-mismatch").query().isVisible())).isFalse();
        ProfileUiSupport.snapshot(ok.getScene(), ProfileUiSupport.screenshot("passphrase-dialog.png"));
        robot.clickOn(ok);

        awaitNoDialog(robot);
        await().atMost(WAIT).until(() -> robot.lookup("#profile-editor").tryQuery().isEmpty());
        await().atMost(WAIT).until(() -> fx(() -> window.entries().stream().anyMatch(e -> e.name().equals("team-sasl"))));
        assertThat(secretsFile).exists();
        assertThat(Files.readString(secretsFile)).doesNotContain(PASSWORD).doesNotContain(PASSPHRASE).contains("AES-256-GCM");
        assertThat(Files.readString(context.store().file())).doesNotContain(PASSWORD);
        assertThat(context.secrets().read("team-sasl", SecretKind.SASL_PASSWORD)).contains(PASSWORD);
        assertThat(new EncryptedFileSecretStore(secretsFile, PassphraseSource.fixed(PASSPHRASE))
                .read("team-sasl", SecretKind.SASL_PASSWORD)).as("the typed passphrase opens the file").contains(PASSWORD);

        // a new store in the same session (a background read) uses the remembered passphrase: no second dialog
        ProfileContext again = fileContext(passphrase);
        String resolved = CompletableFuture.supplyAsync(() -> again.resolve("team-sasl").clientProperties()
                .get("sasl.jaas.config").toString()).get(60, TimeUnit.SECONDS);
        assertThat(resolved).contains(PASSWORD);
        assertThat(robot.lookup("#passphrase-dialog").tryQuery()).isEmpty();
        passphrase.forget();
    }

    @Test
    void onTheFxThreadCancelFailsAWrongPassphraseIsAskedAgainAndTheRightOneOpens(FxRobot robot) throws Exception {
        Path own = Files.createDirectories(dir.resolve("fx-thread"));
        Path secretsFile = own.resolve("secrets.enc");
        new EncryptedFileSecretStore(secretsFile, PassphraseSource.fixed(PASSPHRASE)).write("team-sasl", SecretKind.SASL_PASSWORD, PASSWORD);
        DesktopPassphrase passphrase = new DesktopPassphrase();
        SecretStore store = SecretStores.select(own, System.err, passphrase, NO_ENV);

        CompletableFuture<String> cancelled = readOnFxThread(store);
        awaitDialog(robot);
        assertThat(robot.lookup("#passphrase-repeat").tryQuery()).as("an existing file is asked for once").isEmpty();
        assertThat(fx(() -> robot.lookup("#passphrase-explain").queryAs(Label.class).getText())).contains("asked once per session");
        robot.clickOn("#passphrase-cancel");
        awaitNoDialog(robot);
        await().atMost(WAIT).until(cancelled::isDone);
        assertThat(cancelled).failsWithin(Duration.ZERO).withThrowableThat().havingRootCause().withMessage("no passphrase entered");

        CompletableFuture<String> wrong = readOnFxThread(store);
        awaitDialog(robot);
        robot.clickOn("#passphrase-field").write("not the passphrase");
        robot.clickOn("#passphrase-ok");
        await().atMost(WAIT).until(wrong::isDone);
        assertThat(wrong).failsWithin(Duration.ZERO).withThrowableThat().havingRootCause()
                .withMessage("the passphrase does not open " + secretsFile + " (wrong passphrase or damaged file)");

        robot.interact(() -> window.setTheme(Theme.DARK));
        CompletableFuture<String> right = readOnFxThread(store);
        awaitDialog(robot);
        assertThat(fx(() -> robot.lookup("#passphrase-field").queryAs(TextField.class).getText())).as("fields start empty").isEmpty();
        robot.clickOn("#passphrase-field").write(PASSPHRASE);
        ProfileUiSupport.snapshot(robot.lookup("#passphrase-dialog").query().getScene(),
                ProfileUiSupport.screenshot("passphrase-dialog-open-dark.png"));
        robot.clickOn("#passphrase-ok");
        assertThat(right.get(60, TimeUnit.SECONDS)).isEqualTo(PASSWORD);
        awaitNoDialog(robot);
        robot.interact(() -> window.setTheme(Theme.LIGHT));
    }

    @Test
    void backgroundJobsAskingAtOnceShareOneDialog(FxRobot robot) throws Exception {
        Path own = Files.createDirectories(dir.resolve("at-once"));
        new EncryptedFileSecretStore(own.resolve("secrets.enc"), PassphraseSource.fixed(PASSPHRASE))
                .write("team-sasl", SecretKind.SASL_PASSWORD, PASSWORD);
        DesktopPassphrase passphrase = new DesktopPassphrase();
        java.util.concurrent.ExecutorService jobs = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            // two jobs, each opening its own store on the same file (as two profiles' connections would)
            java.util.concurrent.CountDownLatch bothAsking = new java.util.concurrent.CountDownLatch(2);
            PassphraseSource counting = creating -> {
                bothAsking.countDown();
                return passphrase.passphrase(creating);
            };
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> new EncryptedFileSecretStore(own.resolve("secrets.enc"),
                    counting).read("team-sasl", SecretKind.SASL_PASSWORD).orElse(null), jobs);
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> new EncryptedFileSecretStore(own.resolve("secrets.enc"),
                    counting).read("team-sasl", SecretKind.SASL_PASSWORD).orElse(null), jobs);
            assertThat(bothAsking.await(30, TimeUnit.SECONDS)).isTrue();
            awaitDialog(robot);
            Thread.sleep(300); // a second dialog, if there were one, would be up by now
            assertThat(robot.lookup("#passphrase-dialog").queryAll()).as("one question for both jobs").hasSize(1);
            robot.clickOn("#passphrase-field").write(PASSPHRASE);
            robot.clickOn("#passphrase-ok");
            assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(PASSWORD);
            assertThat(second.get(60, TimeUnit.SECONDS)).isEqualTo(PASSWORD);
            awaitNoDialog(robot);
        } finally {
            jobs.shutdownNow();
        }
    }
}
