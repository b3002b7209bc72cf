package dev.backtrack.ui.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.profile.ConnectionTester;
import dev.backtrack.profile.ConnectionTestStep;
import dev.backtrack.profile.EncryptedFileSecretStore;
import dev.backtrack.profile.Environment;
import dev.backtrack.profile.Profile;
import dev.backtrack.profile.ProfileContext;
import dev.backtrack.profile.RegistryAuth;
import dev.backtrack.profile.SaslMechanism;
import dev.backtrack.profile.SecretKind;
import dev.backtrack.profile.SecretStores;
import dev.backtrack.profile.SecureTestCluster;
import dev.backtrack.profile.SecurityProtocol;
import dev.backtrack.profile.StepStatus;
import dev.backtrack.profile.StoreType;
import dev.backtrack.testing.TestServers;
import dev.backtrack.ui.common.UiExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The profile editor's view-model against the real profile store, the encrypted secret file and the test broker. */
class ProfileEditorViewModelTest {
    private static final String SASL_SECRET = "scram-Secret-4711";
    private static final String TRUST_SECRET = "trust-Secret-0815";
    private static final String REGISTRY_SECRET = "registry-Secret-1234";

    private ProfileContext context;
    private Path configDir;

    @BeforeEach
    void context() throws Exception {
        // surefire points backtrack.config.dir at the build's test home; each test gets its own sub-directory
        Path base = Path.of(System.getProperty(ProfileContext.CONFIG_DIR_PROPERTY, System.getProperty("java.io.tmpdir")));
        configDir = Files.createDirectories(base.resolve("ui-profile-" + System.nanoTime()));
        String passphrase = System.getenv(SecretStores.PASSPHRASE_ENV);
        assertThat(passphrase).as("surefire sets " + SecretStores.PASSPHRASE_ENV).isNotBlank();
        context = new ProfileContext(configDir, configDir, () -> new EncryptedFileSecretStore(configDir.resolve("secrets.enc"),
                SecretStores.fixedPassphrase(passphrase)));
    }

    private ProfileEditorViewModel newEditor() {
        return ProfileEditorViewModel.create(context, UiExecutor.direct(), List.of());
    }

    private ProfileEditorViewModel editor(String name) {
        return new ProfileEditorViewModel(context, UiExecutor.direct(), new ConnectionTester(), context.store().get(name),
                context.store().list().stream().map(Profile::name).toList());
    }

    @Test
    void saslSslScramProfileWithTrustStoreAndRegistryBasicAuthRoundTripsWithoutSecretsInTheFile() throws Exception {
        Path trustStore = Files.writeString(configDir.resolve("ca.p12"), "not read by the editor");
        ProfileEditorViewModel vm = newEditor();
        vm.name.set("prod-eu");
        vm.color.set("#d1242f");
        vm.environment.set(Environment.PROD);
        vm.bootstrap.set("kafka-1.example.com:9093, kafka-2.example.com:9093");
        vm.protocol.set(SecurityProtocol.SASL_SSL);
        vm.mechanism.set(SaslMechanism.SCRAM_SHA_512);
        vm.username.set("alice");
        vm.password.set(SASL_SECRET);
        vm.trustStore.set(trustStore.toString());
        vm.trustStorePassword.set(TRUST_SECRET);
        vm.registryEnabled.set(true);
        vm.registryUrl.set("https://registry.example.com");
        vm.registryAuth.set(RegistryAuth.BASIC);
        vm.registryUsername.set("schema-reader");
        vm.registryPassword.set(REGISTRY_SECRET);
        vm.properties.add(new PropertyRow("client.rack", "eu-west-1a"));
        assertThat(vm.errors).isEmpty();
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.trustStoreType.get()).as("guessed from the file name").isEqualTo(StoreType.PKCS12);

        AtomicReference<Profile> saved = new AtomicReference<>();
        vm.save(saved::set);
        assertThat(vm.saveError.get()).isEmpty();
        assertThat(saved.get()).isNotNull();

        Profile reloaded = context.store().get("prod-eu");
        assertThat(reloaded).isEqualTo(saved.get());
        assertThat(reloaded.color()).isEqualTo("#d1242f");
        assertThat(reloaded.environment()).isEqualTo(Environment.PROD);
        assertThat(reloaded.writeProtected()).isTrue();
        assertThat(reloaded.bootstrapServers()).isEqualTo("kafka-1.example.com:9093, kafka-2.example.com:9093");
        assertThat(reloaded.securityProtocol()).isEqualTo(SecurityProtocol.SASL_SSL);
        assertThat(reloaded.sasl().mechanism()).isEqualTo(SaslMechanism.SCRAM_SHA_512);
        assertThat(reloaded.sasl().username()).isEqualTo("alice");
        assertThat(reloaded.tls().trustStore()).isEqualTo(trustStore.toString());
        assertThat(reloaded.tls().trustStoreType()).isEqualTo(StoreType.PKCS12);
        assertThat(reloaded.tls().verifyHostname()).isTrue();
        assertThat(reloaded.registry().auth()).isEqualTo(RegistryAuth.BASIC);
        assertThat(reloaded.registry().username()).isEqualTo("schema-reader");
        assertThat(reloaded.properties()).containsEntry("client.rack", "eu-west-1a");

        String file = Files.readString(context.store().file());
        assertThat(file).contains("\"prod-eu\"").contains("alice")
                .doesNotContain(SASL_SECRET).doesNotContain(TRUST_SECRET).doesNotContain(REGISTRY_SECRET);
        assertThat(Files.readString(configDir.resolve("secrets.enc"))).doesNotContain(SASL_SECRET);

        ConnectionSettings resolved = context.resolve("prod-eu");
        assertThat(resolved.clientProperties().get("sasl.jaas.config")).contains(SASL_SECRET).contains("alice");
        assertThat(resolved.clientProperties()).containsEntry("ssl.truststore.password", TRUST_SECRET)
                .containsEntry("ssl.endpoint.identification.algorithm", "https");
        assertThat(resolved.registry().password()).isEqualTo(REGISTRY_SECRET);
        assertThat(resolved.writeProtected()).isTrue();

        // editing again: the stored secrets count, the password fields may stay empty; a rename moves the secrets
        ProfileEditorViewModel again = editor("prod-eu");
        assertThat(again.storedSecrets).containsExactlyInAnyOrder(SecretKind.SASL_PASSWORD, SecretKind.TRUSTSTORE_PASSWORD,
                SecretKind.REGISTRY_PASSWORD);
        assertThat(again.password.get()).isEmpty();
        assertThat(again.validProperty().get()).isTrue();
        again.name.set("prod-eu-1");
        again.save(p -> { });
        assertThat(again.saveError.get()).isEmpty();
        assertThat(context.store().find("prod-eu")).isEmpty();
        assertThat(context.resolve("prod-eu-1").clientProperties().get("sasl.jaas.config")).contains(SASL_SECRET);
        assertThat(context.secrets().read("prod-eu", SecretKind.SASL_PASSWORD)).isEmpty();

        // export never carries a secret
        String exported = new String(new dev.backtrack.profile.ProfileManager(context).export(List.of()), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(exported).contains("prod-eu-1").doesNotContain(SASL_SECRET).doesNotContain(TRUST_SECRET).doesNotContain(REGISTRY_SECRET);
    }

    @Test
    void everyAuthenticationMethodRoundTripsThroughTheEditor() {
        record Case(String name, SaslMechanism mechanism) { }
        for (Case c : List.of(new Case("oauth", SaslMechanism.OAUTHBEARER), new Case("kerberos", SaslMechanism.GSSAPI),
                new Case("msk", SaslMechanism.AWS_MSK_IAM), new Case("plain", SaslMechanism.PLAIN))) {
            ProfileEditorViewModel vm = newEditor();
            vm.name.set(c.name());
            vm.bootstrap.set("b-1.example.com:9098");
            vm.protocol.set(SecurityProtocol.SASL_SSL);
            vm.mechanism.set(c.mechanism());
            switch (c.mechanism()) {
                case OAUTHBEARER -> {
                    vm.username.set("client-1");
                    vm.password.set("client-secret");
                    vm.tokenEndpoint.set("https://idp.example.com/token");
                    vm.scope.set("kafka");
                }
                case GSSAPI -> {
                    vm.username.set("backtrack@EXAMPLE.COM");
                    vm.keytab.set("/etc/security/backtrack.keytab");
                    vm.krb5Config.set("/etc/krb5.conf");
                    vm.kerberosServiceName.set("kafka-svc");
                }
                case AWS_MSK_IAM -> vm.username.set("analytics");
                default -> {
                    vm.username.set("u");
                    vm.password.set("p");
                }
            }
            // mutual TLS with PEM files: the key has its own password, the PEM trust store has none
            vm.trustStore.set("/etc/kafka/ca.crt");
            vm.keyStore.set("/etc/kafka/client.pem");
            vm.keyPasswordProtected.set(true);
            vm.keyPassword.set("key-pw");
            vm.verifyHostname.set(false);
            vm.properties.add(new PropertyRow("client.rack", "a"));
            assertThat(vm.errors).as(c.name()).isEmpty();
            vm.save(p -> { });
            assertThat(vm.saveError.get()).as(c.name()).isEmpty();
            Profile saved = context.store().get(c.name());
            assertThat(saved.tls().trustStoreType()).isEqualTo(StoreType.PEM);
            assertThat(saved.tls().keyStoreType()).isEqualTo(StoreType.PEM);
            assertThat(saved.tls().hostnameVerificationDisabled()).isTrue();
            ProfileEditorViewModel reopened = editor(c.name());
            assertThat(reopened.build()).as("load and build are inverse for " + c.name()).isEqualTo(saved);
            assertThat(reopened.validProperty().get()).as("stored secrets satisfy " + c.name()).isTrue();
        }
        assertThat(context.store().get("oauth").sasl().tokenEndpointUrl()).isEqualTo("https://idp.example.com/token");
        assertThat(context.store().get("kerberos").sasl().kerberosServiceName()).isEqualTo("kafka-svc");
        assertThat(context.store().get("msk").sasl().username()).isEqualTo("analytics");
        assertThat(context.secrets().read("oauth", SecretKind.SASL_PASSWORD)).contains("client-secret");
        assertThat(context.secrets().read("kerberos", SecretKind.KEY_PASSWORD)).contains("key-pw");
    }

    @Test
    void validationMarksFieldsAndKeepsSaveDisabledUntilValid() {
        ProfileEditorViewModel vm = newEditor();
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.errors).containsKeys(EditorField.NAME, EditorField.BOOTSTRAP);

        vm.name.set("bad name!");
        assertThat(vm.errors.get(EditorField.NAME)).contains("letters, digits");
        vm.name.set("dev-1");
        assertThat(vm.errors).doesNotContainKey(EditorField.NAME);

        vm.bootstrap.set("localhost");
        assertThat(vm.errors.get(EditorField.BOOTSTRAP)).contains("must be host:port");
        vm.bootstrap.set("localhost:9092,broker:99999");
        assertThat(vm.errors.get(EditorField.BOOTSTRAP)).contains("invalid port");
        vm.bootstrap.set("localhost:9092, [::1]:9093");
        assertThat(vm.errors).isEmpty();
        assertThat(vm.validProperty().get()).isTrue();

        vm.protocol.set(SecurityProtocol.SASL_PLAINTEXT);
        vm.mechanism.set(SaslMechanism.OAUTHBEARER);
        assertThat(vm.errors).containsKeys(EditorField.USERNAME, EditorField.TOKEN_ENDPOINT);
        vm.username.set("backtrack-client");
        vm.tokenEndpoint.set("idp.example.com/token");
        assertThat(vm.errors.get(EditorField.TOKEN_ENDPOINT)).contains("http");
        vm.tokenEndpoint.set("https://idp.example.com/token");
        assertThat(vm.errors).containsOnlyKeys(EditorField.PASSWORD);
        vm.password.set("client-secret");
        assertThat(vm.validProperty().get()).isTrue();

        vm.mechanism.set(SaslMechanism.AWS_MSK_IAM);
        vm.username.set("");
        assertThat(vm.errors).as("MSK IAM needs neither a user nor a secret").isEmpty();
        vm.mechanism.set(SaslMechanism.GSSAPI);
        assertThat(vm.errors).containsOnlyKeys(EditorField.USERNAME, EditorField.KEYTAB);

        vm.protocol.set(SecurityProtocol.SSL);
        vm.trustStore.set("/etc/kafka/ca.pem");
        assertThat(vm.trustStoreType.get()).isEqualTo(StoreType.PEM);
        assertThat(vm.errors).as("a PEM trust store has no password").isEmpty();
        vm.keyStore.set("/etc/kafka/client.jks");
        assertThat(vm.errors).containsOnlyKeys(EditorField.KEYSTORE_PASSWORD);
        vm.keyStorePassword.set("changeit");
        vm.keyPasswordProtected.set(true);
        assertThat(vm.errors).containsOnlyKeys(EditorField.KEY_PASSWORD);
        vm.keyPasswordProtected.set(false);

        vm.registryEnabled.set(true);
        assertThat(vm.errors).containsOnlyKeys(EditorField.REGISTRY_URL);
        vm.registryUrl.set("https://registry:8081");
        vm.registryAuth.set(RegistryAuth.BEARER);
        assertThat(vm.errors).containsOnlyKeys(EditorField.REGISTRY_PASSWORD);
        vm.registryPassword.set("token");

        PropertyRow row = new PropertyRow("sasl.jaas.config", "x");
        vm.properties.add(row);
        assertThat(vm.errors.get(EditorField.PROPERTIES)).contains("holds a secret");
        row.key.set("security.protocol");
        assertThat(vm.errors.get(EditorField.PROPERTIES)).contains("set by the fields above");
        row.key.set("max.poll.records");
        row.value.set("50");
        assertThat(vm.errors).isEmpty();
        assertThat(vm.validProperty().get()).isTrue();

        context.store().add(Profile.plaintext("taken", "localhost:9092", Environment.DEV));
        ProfileEditorViewModel other = ProfileEditorViewModel.create(context, UiExecutor.direct(), List.of("taken"));
        other.name.set("taken");
        assertThat(other.errors.get(EditorField.NAME)).contains("already exists");

        // an invalid form is never saved
        ProfileEditorViewModel empty = newEditor();
        AtomicReference<Profile> saved = new AtomicReference<>();
        empty.save(saved::set);
        assertThat(saved.get()).isNull();
        assertThat(context.store().list()).extracting(Profile::name).containsExactly("taken");
    }

    @Test
    void exportHoldsNoSecretAndImportNeedsReplaceForExistingNames() throws Exception {
        ProfileEditorViewModel vm = newEditor();
        vm.name.set("shared");
        vm.bootstrap.set("kafka.example.com:9092");
        vm.protocol.set(SecurityProtocol.SASL_PLAINTEXT);
        vm.mechanism.set(SaslMechanism.PLAIN);
        vm.username.set("team");
        vm.password.set(SASL_SECRET);
        vm.save(p -> { });
        assertThat(vm.saveError.get()).isEmpty();

        ProfileTransfer transfer = new ProfileTransfer(context);
        Path file = configDir.resolve("exported.json");
        transfer.exportTo(file, List.of("shared"));
        assertThat(Files.readString(file)).contains("\"shared\"").contains("team").doesNotContain(SASL_SECRET);

        Throwable clash = org.assertj.core.api.Assertions.catchThrowable(() -> transfer.importFile(file, false));
        assertThat(ProfileTransfer.isNameClash(clash)).as(String.valueOf(clash)).isTrue();
        assertThat(transfer.importFile(file, true)).extracting(Profile::name).containsExactly("shared");

        new dev.backtrack.profile.ProfileManager(context).delete("shared");
        assertThat(context.secrets().read("shared", SecretKind.SASL_PASSWORD)).isEmpty();
        assertThat(transfer.importFile(file, false)).extracting(Profile::name).containsExactly("shared");
        ProfileEditorViewModel imported = editor("shared");
        assertThat(imported.username.get()).isEqualTo("team");
        assertThat(imported.errors).as("an imported profile needs its secret typed").containsOnlyKeys(EditorField.PASSWORD);
    }

    @Test
    void testConnectionAgainstTheTestBrokerPassesEveryStep() {
        ProfileEditorViewModel vm = newEditor();
        vm.name.set("local");
        vm.bootstrap.set(TestServers.bootstrap());
        vm.registryEnabled.set(true);
        vm.registryUrl.set(TestServers.registryUrl());
        vm.testConnection();
        assertThat(vm.test.running.get()).isFalse();
        assertThat(vm.test.outcome.get()).as(vm.test.status.get()).isEqualTo(ConnectionTestRun.Outcome.PASSED);
        assertThat(vm.test.steps).extracting(ConnectionTestStep::status).doesNotContain(StepStatus.FAILED);
        assertThat(vm.test.steps).filteredOn(s -> s.status() == StepStatus.OK).extracting(ConnectionTestStep::name)
                .contains("authentication", "describe cluster", ConnectionTester.REGISTRY)
                .anyMatch(n -> n.startsWith("DNS/TCP"));
        assertThat(vm.test.steps).filteredOn(s -> s.name().equals(ConnectionTester.TLS))
                .extracting(ConnectionTestStep::status).containsExactly(StepStatus.SKIPPED);
        assertThat(vm.test.status.get()).startsWith("Connection works");
        assertThat(context.store().list()).as("testing does not save").isEmpty();
    }

    @Test
    void testConnectionToAClosedPortReportsTheFailingStepQuickly() {
        ProfileEditorViewModel vm = newEditor();
        vm.name.set("nowhere");
        vm.bootstrap.set("127.0.0.1:" + TestServers.freePort());
        long start = System.nanoTime();
        vm.testConnection();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(Duration.ofSeconds(20));
        assertThat(vm.test.outcome.get()).isEqualTo(ConnectionTestRun.Outcome.FAILED);
        ConnectionTestStep failed = vm.test.steps.stream().filter(s -> s.status() == StepStatus.FAILED).findFirst().orElseThrow();
        assertThat(failed.name()).startsWith("DNS/TCP 127.0.0.1:");
        assertThat(failed.message()).isNotBlank();
        assertThat(vm.test.status.get()).as("a headline; the sentence is in the step's row")
                .matches("Failed at " + java.util.regex.Pattern.quote(failed.name()) + " \\(\\d+\\.\\d s\\)");
        assertThat(vm.test.steps).filteredOn(s -> s.name().equals("authentication"))
                .extracting(ConnectionTestStep::status).containsExactly(StepStatus.SKIPPED);
    }

    @Test
    void wrongSaslPasswordFailsAtAuthenticationAndTheHeadlineNamesEveryFailedStep() {
        SecureTestCluster secure = SecureTestCluster.get();
        ProfileEditorViewModel vm = newEditor();
        vm.name.set("secured");
        vm.bootstrap.set(secure.secureBootstrap());
        vm.protocol.set(SecurityProtocol.SASL_SSL);
        vm.mechanism.set(SaslMechanism.SCRAM_SHA_512);
        vm.username.set(SecureTestCluster.USER);
        vm.password.set("not-" + SecureTestCluster.PASSWORD);
        vm.trustStore.set(secure.caTrustStore.toString());
        vm.trustStorePassword.set(SecureTestCluster.STORE_PASSWORD);
        vm.registryEnabled.set(true);
        vm.registryUrl.set("http://127.0.0.1:" + TestServers.freePort());
        vm.testConnection();
        assertThat(vm.test.outcome.get()).as(vm.test.status.get()).isEqualTo(ConnectionTestRun.Outcome.FAILED);
        assertThat(vm.test.steps).extracting(ConnectionTestStep::status).containsExactly(StepStatus.OK, StepStatus.OK,
                StepStatus.FAILED, StepStatus.SKIPPED, StepStatus.FAILED);
        assertThat(vm.test.steps.get(2).message()).isEqualTo("authentication failed for user 'alice' (mechanism SCRAM-SHA-512)");
        assertThat(vm.test.status.get()).matches("Failed at " + ConnectionTester.AUTHENTICATION + ", "
                + ConnectionTester.REGISTRY + " \\(\\d+\\.\\d s\\)");
    }

    @Test
    void cancelDropsTheRunningTest() {
        List<Runnable> queued = new java.util.ArrayList<>();
        UiExecutor deferred = new UiExecutor() {
            @Override
            public void background(Runnable work) {
                queued.add(work);
            }

            @Override
            public void onFx(Runnable update) {
                update.run();
            }
        };
        ProfileEditorViewModel vm = ProfileEditorViewModel.create(context, deferred, List.of());
        vm.name.set("local");
        vm.bootstrap.set(TestServers.bootstrap());
        vm.testConnection();
        assertThat(vm.test.running.get()).isTrue();
        vm.test.cancel();
        assertThat(vm.test.outcome.get()).isEqualTo(ConnectionTestRun.Outcome.CANCELLED);
        queued.forEach(Runnable::run); // the test finishes after the cancel: its result is dropped
        assertThat(vm.test.steps).isEmpty();
        assertThat(vm.test.status.get()).isEqualTo("Cancelled");
    }
}
