package dev.backtrack.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.BacktrackException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caller-supplied passphrase prompt of the encrypted secret file (the desktop dialog's engine side): used
 * when the environment has no passphrase, told whether the file is being created, never trusted again after
 * a wrong answer; the environment variable still wins.
 */
class PassphrasePromptTest {
    private static final String SECRET = "sasl-Secret-4471";
    private static final UnaryOperator<String> NO_ENV = name -> null;

    @TempDir
    Path dir;
    private String previousStore;

    /** Answers from a queue (null: the user cancelled), records each call's {@code creating} and each rejection. */
    static final class ScriptedPrompt implements PassphraseSource {
        final Deque<String> answers = new ArrayDeque<>();
        final List<Boolean> asked = new ArrayList<>();
        int rejections;

        ScriptedPrompt(String... answers) {
            this.answers.addAll(List.of(answers));
        }

        @Override
        public char[] passphrase(boolean creating) {
            asked.add(creating);
            String next = answers.poll();
            if (next == null || next.isEmpty()) {
                throw new BacktrackException("no passphrase entered");
            }
            return next.toCharArray();
        }

        @Override
        public void rejected() {
            rejections++;
        }
    }

    @BeforeEach
    void forceFileStore() {
        previousStore = System.getProperty(SecretStores.STORE_PROPERTY);
        System.setProperty(SecretStores.STORE_PROPERTY, "file");
    }

    @AfterEach
    void restore() {
        if (previousStore == null) {
            System.clearProperty(SecretStores.STORE_PROPERTY);
        } else {
            System.setProperty(SecretStores.STORE_PROPERTY, previousStore);
        }
    }

    private SecretStore select(PassphraseSource prompt, UnaryOperator<String> env) {
        return SecretStores.select(dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), prompt, env);
    }

    @Test
    void withoutTheEnvironmentVariableThePromptIsAskedOnceAsCreatingThenAsOpening() throws Exception {
        ScriptedPrompt prompt = new ScriptedPrompt("first pass");
        SecretStore store = select(prompt, NO_ENV);
        assertThat(store).isInstanceOf(EncryptedFileSecretStore.class);
        assertThat(store.read("p", SecretKind.SASL_PASSWORD)).as("no file yet: nothing to ask").isEmpty();
        assertThat(prompt.asked).isEmpty();

        store.write("p", SecretKind.SASL_PASSWORD, SECRET);
        store.write("p", SecretKind.TRUSTSTORE_PASSWORD, "trust-" + SECRET);
        assertThat(prompt.asked).as("asked once, as the creation of the file").containsExactly(true);
        Path file = dir.resolve(SecretStores.FILE_NAME);
        assertThat(Files.readString(file)).doesNotContain(SECRET).doesNotContain("first pass");

        ScriptedPrompt reopen = new ScriptedPrompt("first pass");
        assertThat(select(reopen, NO_ENV).read("p", SecretKind.SASL_PASSWORD)).contains(SECRET);
        assertThat(reopen.asked).as("an existing file is opened, not created").containsExactly(false);
        assertThat(reopen.rejections).isZero();
    }

    @Test
    void aRefusedCreationLeavesNoFileAndTheNextAccessAsksAgain() {
        ScriptedPrompt prompt = new ScriptedPrompt("", "chosen");
        SecretStore store = select(prompt, NO_ENV);
        assertThatThrownBy(() -> store.write("p", SecretKind.SASL_PASSWORD, SECRET))
                .isInstanceOf(BacktrackException.class).hasMessage("no passphrase entered");
        assertThat(dir.resolve(SecretStores.FILE_NAME)).doesNotExist();

        store.write("p", SecretKind.SASL_PASSWORD, SECRET);
        assertThat(prompt.asked).containsExactly(true, true);
        assertThat(new EncryptedFileSecretStore(dir.resolve(SecretStores.FILE_NAME), PassphraseSource.fixed("chosen"))
                .read("p", SecretKind.SASL_PASSWORD)).contains(SECRET);
    }

    @Test
    void aWrongPassphraseIsAClearErrorIsRejectedAndTheNextAccessAsksAgain() throws Exception {
        select(new ScriptedPrompt("right"), NO_ENV).write("p", SecretKind.SASL_PASSWORD, SECRET);
        Path file = dir.resolve(SecretStores.FILE_NAME);
        byte[] before = Files.readAllBytes(file);

        ScriptedPrompt prompt = new ScriptedPrompt("wrong", "right");
        SecretStore store = select(prompt, NO_ENV);
        assertThatThrownBy(() -> store.read("p", SecretKind.SASL_PASSWORD)).isInstanceOf(BacktrackException.class)
                .hasMessage("the passphrase does not open " + file + " (wrong passphrase or damaged file)");
        assertThat(prompt.rejections).isEqualTo(1);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);

        assertThat(store.read("p", SecretKind.SASL_PASSWORD)).contains(SECRET);
        assertThat(prompt.asked).as("asked again after the wrong one").containsExactly(false, false);
        assertThat(prompt.rejections).isEqualTo(1);
    }

    @Test
    void theEnvironmentVariableWinsAndItsRejectionIsNotThePrompts() {
        ScriptedPrompt prompt = new ScriptedPrompt("from-prompt");
        select(prompt, name -> name.equals(SecretStores.PASSPHRASE_ENV) ? "from-env" : null)
                .write("p", SecretKind.SASL_PASSWORD, SECRET);
        assertThat(prompt.asked).isEmpty();
        assertThat(new EncryptedFileSecretStore(dir.resolve(SecretStores.FILE_NAME), PassphraseSource.fixed("from-env"))
                .read("p", SecretKind.SASL_PASSWORD)).contains(SECRET);

        SecretStore wrongEnv = select(prompt, name -> name.equals(SecretStores.PASSPHRASE_ENV) ? "stale-env" : null);
        assertThatThrownBy(() -> wrongEnv.read("p", SecretKind.SASL_PASSWORD)).hasMessageContaining("wrong passphrase");
        assertThat(prompt.asked).isEmpty();
        assertThat(prompt.rejections).isZero();

        // an empty variable counts as unset
        ScriptedPrompt asked = new ScriptedPrompt("from-env");
        assertThat(select(asked, name -> "").read("p", SecretKind.SASL_PASSWORD)).contains(SECRET);
        assertThat(asked.asked).containsExactly(false);
    }

    @Test
    void theCommandLineWithoutTerminalOrVariableStillRefusesClearly() {
        SecretStore store = select(SecretStores.TERMINAL_PROMPT, NO_ENV);
        assertThatThrownBy(() -> store.write("p", SecretKind.SASL_PASSWORD, SECRET)).isInstanceOf(BacktrackException.class)
                .hasMessage("the encrypted secret file needs a passphrase: set BACKTRACK_PASSPHRASE or run on a terminal");
    }

    @Test
    void aCancelledPromptDoesNotLeaveAHalfSavedProfile() {
        ProfileContext context = new ProfileContext(dir, dir, () -> select(new ScriptedPrompt("", "chosen"), NO_ENV));
        ProfileManager manager = new ProfileManager(context);
        Profile scram = new Profile("dev", null, Environment.DEV, "h:9093", SecurityProtocol.SASL_PLAINTEXT,
                SaslSettings.userPassword(SaslMechanism.SCRAM_SHA_256, "u"), null, null, null, null, false);
        assertThatThrownBy(() -> manager.add(scram, Map.of(SecretKind.SASL_PASSWORD, SECRET))).hasMessage("no passphrase entered");
        assertThat(context.store().find("dev")).isEmpty();

        manager.add(scram, Map.of(SecretKind.SASL_PASSWORD, SECRET));
        assertThat(context.resolve("dev").clientProperties().get("sasl.jaas.config")).asString().contains(SECRET);
    }
}
