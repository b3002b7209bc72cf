package dev.backtrack.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backtrack.BacktrackException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoreTest {
    private static final String SECRET = "hunter2-Very-Secret-0091";

    @TempDir
    Path dir;

    private EncryptedFileSecretStore fileStore(String passphrase) {
        return new EncryptedFileSecretStore(dir.resolve("secrets.enc"), SecretStores.fixedPassphrase(passphrase));
    }

    @Test
    void encryptedFileKeepsSecretsAcrossInstancesWithoutPlaintext() throws Exception {
        EncryptedFileSecretStore store = fileStore("correct horse");
        store.write("prod", SecretKind.SASL_PASSWORD, SECRET);
        store.write("prod", SecretKind.TRUSTSTORE_PASSWORD, "trust-" + SECRET);

        EncryptedFileSecretStore reopened = fileStore("correct horse");
        assertThat(reopened.read("prod", SecretKind.SASL_PASSWORD)).contains(SECRET);
        assertThat(reopened.read("prod", SecretKind.TRUSTSTORE_PASSWORD)).contains("trust-" + SECRET);
        assertThat(reopened.read("prod", SecretKind.KEY_PASSWORD)).isEmpty();

        String raw = Files.readString(store.file());
        assertThat(raw).doesNotContain(SECRET).doesNotContain("prod").contains("AES-256-GCM").contains("PBKDF2WithHmacSHA256");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");

        reopened.delete("prod", SecretKind.SASL_PASSWORD);
        assertThat(fileStore("correct horse").read("prod", SecretKind.SASL_PASSWORD)).isEmpty();
    }

    @Test
    void wrongPassphraseIsAClearErrorAndDoesNotDamageTheFile() throws Exception {
        fileStore("right").write("p", SecretKind.SASL_PASSWORD, SECRET);
        byte[] before = Files.readAllBytes(dir.resolve("secrets.enc"));

        EncryptedFileSecretStore wrong = fileStore("wrong");
        assertThatThrownBy(() -> wrong.read("p", SecretKind.SASL_PASSWORD)).isInstanceOf(BacktrackException.class)
                .hasMessage("the passphrase does not open " + dir.resolve("secrets.enc") + " (wrong passphrase or damaged file)");
        assertThatThrownBy(() -> wrong.write("p", SecretKind.KEY_PASSWORD, "x")).isInstanceOf(BacktrackException.class);
        assertThat(Files.readAllBytes(dir.resolve("secrets.enc"))).isEqualTo(before);
    }

    @Test
    void anotherThreadCanUseTheStoreWhileOneWaitsForThePassphrase() throws Exception {
        fileStore("right").write("p", SecretKind.SASL_PASSWORD, SECRET);
        // the desktop's case: a background job opens the store and waits for the dialog's answer, and the thread that
        // shows the dialog (the FX thread) reads a secret meanwhile; the job's question must not hold the store
        java.util.concurrent.CountDownLatch otherThreadDone = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        EncryptedFileSecretStore store = new EncryptedFileSecretStore(dir.resolve("secrets.enc"), creating -> {
            if (asked.incrementAndGet() == 1) {
                try {
                    if (!otherThreadDone.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the other thread never got the store");
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return "right".toCharArray();
        });
        // own threads: the common pool may have a single worker on a small machine
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
        var job = java.util.concurrent.CompletableFuture.supplyAsync(() -> store.read("p", SecretKind.SASL_PASSWORD), threads);
        while (asked.get() == 0) {
            Thread.onSpinWait();
        }
        var other = java.util.concurrent.CompletableFuture.supplyAsync(() -> store.read("p", SecretKind.SASL_PASSWORD), threads);
        assertThat(other.get(20, java.util.concurrent.TimeUnit.SECONDS)).contains(SECRET);
        otherThreadDone.countDown();
        assertThat(job.get(20, java.util.concurrent.TimeUnit.SECONDS)).contains(SECRET);
        assertThat(asked.get()).isEqualTo(2);
        threads.shutdownNow();
    }

    @Test
    void eachSaveUsesAFreshIv() throws Exception {
        EncryptedFileSecretStore store = fileStore("pp");
        store.write("p", SecretKind.SASL_PASSWORD, SECRET);
        String first = Files.readString(store.file());
        store.write("p", SecretKind.SASL_PASSWORD, SECRET);
        String second = Files.readString(store.file());
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void withoutAKeychainTheEncryptedFileIsUsedWithANotice() {
        assumeTrue(KeyringSecretStore.probe().isEmpty(), "this machine has a usable OS keychain");
        ByteArrayOutputStream notices = new ByteArrayOutputStream();
        SecretStore store = SecretStores.select(dir, new PrintStream(notices, true, StandardCharsets.UTF_8));
        assertThat(store).isInstanceOf(EncryptedFileSecretStore.class);
        String notice = notices.toString(StandardCharsets.UTF_8);
        assertThat(notice.lines()).hasSize(1);
        assertThat(notice).contains("no usable OS keychain").contains(dir.resolve("secrets.enc").toString())
                .contains("BACKTRACK_PASSPHRASE");
    }

    @Test
    void profilesWithoutSecretsNeverOpenTheSecretStore() {
        ProfileContext context = new ProfileContext(dir, dir, () -> {
            throw new AssertionError("the secret store was opened");
        });
        context.store().add(Profile.plaintext("local", "localhost:9092", Environment.DEV));
        assertThat(context.resolve("local").clientProperties()).containsEntry("security.protocol", "PLAINTEXT");
        assertThat(new ProfileManager(context).missingSecrets(context.store().get("local"))).isEmpty();
    }

    @Test
    void renameMovesSecretsDuplicateCopiesDeleteRemoves() {
        InMemorySecretStore secrets = new InMemorySecretStore();
        ProfileManager manager = new ProfileManager(ProfileStore.inDirectory(dir), secrets);
        Profile scram = new Profile("dev", null, Environment.DEV, "h:9093", SecurityProtocol.SASL_PLAINTEXT,
                SaslSettings.userPassword(SaslMechanism.SCRAM_SHA_256, "u"), null, null, null, null, false);
        manager.add(scram, Map.of(SecretKind.SASL_PASSWORD, SECRET));

        manager.duplicate("dev", "dev-copy");
        assertThat(secrets.read("dev-copy", SecretKind.SASL_PASSWORD)).contains(SECRET);

        manager.rename("dev", "staging");
        assertThat(secrets.read("dev", SecretKind.SASL_PASSWORD)).isEmpty();
        assertThat(secrets.read("staging", SecretKind.SASL_PASSWORD)).contains(SECRET);
        assertThatThrownBy(() -> manager.rename("staging", "dev-copy")).hasMessage("a profile named 'dev-copy' already exists");

        manager.delete("staging");
        assertThat(secrets.read("staging", SecretKind.SASL_PASSWORD)).isEmpty();
        assertThat(manager.missingSecrets(ProfileStore.inDirectory(dir).get("dev-copy"))).isEmpty();
    }

    @Test
    void secretsAProfileDoesNotUseAreRefusedAndDroppedOnEdit() {
        InMemorySecretStore secrets = new InMemorySecretStore();
        ProfileManager manager = new ProfileManager(ProfileStore.inDirectory(dir), secrets);
        Profile plain = Profile.plaintext("p", "h:1", Environment.DEV);
        assertThatThrownBy(() -> manager.add(plain, Map.of(SecretKind.SASL_PASSWORD, "x")))
                .hasMessage("profile 'p' does not use a SASL password (OAuth: client secret)");

        Profile scram = new Profile("p", null, Environment.DEV, "h:1", SecurityProtocol.SASL_SSL,
                SaslSettings.userPassword(SaslMechanism.SCRAM_SHA_512, "u"), null, null, null, null, false);
        manager.add(scram, Map.of(SecretKind.SASL_PASSWORD, SECRET));
        manager.update(plain, Map.of());
        assertThat(secrets.read("p", SecretKind.SASL_PASSWORD)).isEmpty();
        assertThat(manager.missingSecrets(scram)).isEqualTo(List.of(SecretKind.SASL_PASSWORD));
    }
}
