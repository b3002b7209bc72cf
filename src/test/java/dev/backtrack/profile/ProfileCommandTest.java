package dev.backtrack.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.testing.CliRun;
import dev.backtrack.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backtrack profile ...} end to end, with secrets on stdin (not a terminal under test). */
class ProfileCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private InMemorySecretStore secrets;

    @BeforeEach
    void installContext() {
        secrets = new InMemorySecretStore();
        InMemorySecretStore store = secrets;
        ProfileConnections.install(new ProfileContext(dir.resolve("config"), dir.resolve("data"), () -> store));
    }

    @AfterEach
    void restoreDefault() {
        ProfileConnections.install(null);
    }

    @Test
    void addReadsSecretsFromStdinInTheDocumentedOrderAndListShowsNoSecret() throws Exception {
        Path trust = Files.writeString(dir.resolve("trust.p12"), "x");
        CliRun add = CliRun.run("sasl-pw-1\ntrust-pw-2\nregistry-pw-3\n", "profile", "add", "prod-eu", "--bootstrap", "k1:9093,k2:9093",
                "--environment", "prod", "--color", "red", "--sasl-mechanism", "SCRAM-SHA-512", "--username", "svc",
                "--truststore", trust.toString(), "--registry", "https://reg.example", "--registry-username", "ru",
                "--property", "client.dns.lookup=use_all_dns_ips", "--decoder", "orders=TEXT:AVRO");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).isEmpty();
        assertThat(add.err()).contains("added profile 'prod-eu'");
        assertThat(secrets.read("prod-eu", SecretKind.SASL_PASSWORD)).contains("sasl-pw-1");
        assertThat(secrets.read("prod-eu", SecretKind.TRUSTSTORE_PASSWORD)).contains("trust-pw-2");
        assertThat(secrets.read("prod-eu", SecretKind.REGISTRY_PASSWORD)).contains("registry-pw-3");

        Profile saved = ProfileConnections.context().store().get("prod-eu");
        assertThat(saved.securityProtocol()).isEqualTo(SecurityProtocol.SASL_SSL);
        assertThat(saved.tls().trustStoreType()).isEqualTo(StoreType.PKCS12);
        assertThat(saved.writeProtected()).isTrue();

        CliRun list = CliRun.run("", "profile", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out().lines().toList()).hasSize(2);
        assertThat(list.out()).contains("prod-eu").contains("prod").contains("SCRAM-SHA-512 svc").contains("write-protected");

        CliRun json = CliRun.run("", "profile", "show", "prod-eu", "--format", "json");
        JsonNode node = JSON.readTree(json.out());
        assertThat(node.get("name").asText()).isEqualTo("prod-eu");
        assertThat(node.get("secrets")).hasSize(3).allMatch(s -> s.get("stored").asBoolean());
        for (CliRun run : new CliRun[] {add, list, json, CliRun.run("", "profile", "show", "prod-eu")}) {
            assertThat(run.out() + run.err()).doesNotContain("sasl-pw-1").doesNotContain("trust-pw-2").doesNotContain("registry-pw-3");
        }
    }

    @Test
    void missingStdinSecretIsAClearErrorAndNothingIsSaved() {
        CliRun add = CliRun.run("only-one\n", "profile", "add", "x", "--bootstrap", "h:1", "--security-protocol", "SASL_PLAINTEXT",
                "--sasl-mechanism", "PLAIN", "--username", "u", "--registry", "http://r:1", "--registry-username", "ru");
        assertThat(add.exitCode()).isEqualTo(1);
        assertThat(add.err()).startsWith("backtrack: stdin ended before the schema registry password (bearer: token);"
                + " give one secret per line in this order: SASL password (OAuth: client secret), schema registry password (bearer: token)");
        assertThat(ProfileConnections.context().store().find("x")).isEmpty();
    }

    @Test
    void secretsCannotBeGivenAsProperties() {
        CliRun add = CliRun.run("", "profile", "add", "x", "--bootstrap", "h:1", "--property", "ssl.keystore.password=oops");
        assertThat(add.exitCode()).isEqualTo(1);
        assertThat(add.err()).contains("client property 'ssl.keystore.password' holds a secret");
        assertThat(CliRun.run("", "profile", "add", "x", "--bootstrap", "h:1", "--password", "p").exitCode()).isEqualTo(2);
    }

    @Test
    void editRenameExportImportAndRemove() throws Exception {
        assertThat(CliRun.run("pw\n", "profile", "add", "dev", "--bootstrap", "h:1",
                "--sasl-mechanism", "SCRAM-SHA-256", "--username", "u").exitCode()).isZero();

        assertThat(CliRun.run("", "profile", "add", "taken", "--bootstrap", "h:2").exitCode()).isZero();
        CliRun clash = CliRun.run("", "profile", "edit", "dev", "--name", "taken", "--environment", "prod");
        assertThat(clash.err()).isEqualTo("backtrack: a profile named 'taken' already exists; nothing was changed\n");
        assertThat(ProfileConnections.context().store().get("dev").environment()).isEqualTo(Environment.DEV);

        CliRun edit = CliRun.run("", "profile", "edit", "dev", "--name", "dev2", "--environment", "test", "--no-hostname-verification");
        assertThat(edit.exitCode()).as(edit.err()).isZero();
        Profile edited = ProfileConnections.context().store().get("dev2");
        assertThat(edited.environment()).isEqualTo(Environment.TEST);
        assertThat(edited.sasl().mechanism()).isEqualTo(SaslMechanism.SCRAM_SHA_256);
        assertThat(secrets.read("dev2", SecretKind.SASL_PASSWORD)).contains("pw");
        assertThat(secrets.read("dev", SecretKind.SASL_PASSWORD)).isEmpty();

        Path export = dir.resolve("team.json");
        CliRun exported = CliRun.run("", "profile", "export", "dev2", "--output", export.toString());
        assertThat(exported.exitCode()).isZero();
        assertThat(Files.readString(export)).contains("\"dev2\"").doesNotContain("\"pw\"");

        CliRun removeNoYes = CliRun.run("", "profile", "remove", "dev2");
        assertThat(removeNoYes.exitCode()).isEqualTo(1);
        assertThat(removeNoYes.err()).isEqualTo("backtrack: removing 'dev2' needs --yes when not run on a terminal\n");
        CliRun remove = CliRun.run("", "profile", "remove", "dev2", "--yes");
        assertThat(remove.exitCode()).isZero();
        assertThat(secrets.read("dev2", SecretKind.SASL_PASSWORD)).isEmpty();

        CliRun imported = CliRun.run("", "profile", "import", export.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("enter its secrets with 'backtrack profile edit dev2 --secrets'");
        assertThat(ProfileConnections.context().store().get("dev2")).isEqualTo(edited);
        CliRun again = CliRun.run("", "profile", "import", export.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists; nothing was imported");

        CliRun show = CliRun.run("", "profile", "show", "dev2");
        assertThat(show.out()).contains("MISSING").contains("hostname verification").contains("OFF");
        assertThat(CliRun.run("", "profile", "show", "nope").err()).isEqualTo("backtrack: no profile named 'nope' (see 'backtrack profile list')\n");
    }

    @Test
    void testCommandReportsEachStepAgainstARealCluster() throws Exception {
        String bootstrap = TestServers.bootstrap();
        assertThat(CliRun.run("", "profile", "add", "local", "--bootstrap", bootstrap).exitCode()).isZero();

        CliRun ok = CliRun.run("", "profile", "test", "local", "--format", "json");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        JsonNode report = JSON.readTree(ok.out());
        assertThat(report.get("succeeded").asBoolean()).isTrue();
        assertThat(report.get("steps").findValuesAsText("status")).containsExactly("OK", "SKIPPED", "OK", "OK", "SKIPPED");

        int closedPort = TestServers.freePort();
        assertThat(CliRun.run("", "profile", "add", "dead", "--bootstrap", "127.0.0.1:" + closedPort).exitCode()).isZero();
        long start = System.nanoTime();
        CliRun dead = CliRun.run("", "profile", "test", "dead");
        assertThat(dead.exitCode()).isEqualTo(1);
        assertThat(dead.out()).contains("FAILED").contains("refused");
        assertThat(dead.err()).startsWith("backtrack: connection test of 'dead' failed at DNS/TCP 127.0.0.1:" + closedPort
                + ": connection to 127.0.0.1:" + closedPort + " refused");
        assertThat(System.nanoTime() - start).isLessThan(java.time.Duration.ofSeconds(20).toNanos());
    }
}
