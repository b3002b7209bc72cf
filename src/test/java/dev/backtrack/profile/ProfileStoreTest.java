package dev.backtrack.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.BacktrackException;
import dev.backtrack.codec.Format;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
    @TempDir
    Path dir;

    static Profile full(String name) {
        return new Profile(name, "#d33", Environment.PROD, "b1:9093,b2:9093", SecurityProtocol.SASL_SSL,
                new SaslSettings(SaslMechanism.OAUTHBEARER, "client-id", "https://idp.example/token", "kafka", null, null, null),
                new TlsSettings("/etc/ca.pem", null, "/etc/client.p12", null, true, false),
                new RegistryProfile("https://registry.example", RegistryAuth.BASIC, "reg-user", "/etc/reg.jks", null, true),
                Map.of("client.dns.lookup", "use_all_dns_ips"), Map.of("orders", new TopicDecoders(Format.TEXT, Format.AVRO)), true);
    }

    @Test
    void profilesRoundTripThroughAReadableFile() throws Exception {
        ProfileStore store = ProfileStore.inDirectory(dir);
        Profile full = full("prod-eu");
        Profile plain = Profile.plaintext("local", "localhost:9092", Environment.DEV);
        store.add(full);
        store.add(plain);

        assertThat(new ProfileStore(store.file()).list()).containsExactly(plain, full);
        String json = Files.readString(store.file());
        assertThat(json).contains("\"schemaVersion\" : 2").contains("\"name\" : \"prod-eu\"")
                .contains("\"mechanism\" : \"OAUTHBEARER\"").contains("\"trustStoreType\" : \"PEM\"");
        assertThat(json.lines().count()).as("pretty-printed").isGreaterThan(20);
        assertThat(full.tls().verifyHostname()).isTrue();
        assertThat(full.registry().hostnameVerificationDisabled()).isTrue();
    }

    @Test
    void writesAreAtomicReadersNeverSeeAHalfWrittenFile() throws Exception {
        ProfileStore store = ProfileStore.inDirectory(dir);
        store.add(full("p0"));
        AtomicBoolean done = new AtomicBoolean();
        List<Throwable> readerErrors = new CopyOnWriteArrayList<>();
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            ProfileStore other = new ProfileStore(store.file());
            while (!done.get()) {
                try {
                    sizes.add(other.list().size());
                } catch (Throwable t) {
                    readerErrors.add(t);
                }
            }
        });
        for (int i = 1; i <= 150; i++) {
            store.add(full("p" + i));
        }
        done.set(true);
        reader.join();

        assertThat(readerErrors).isEmpty();
        assertThat(sizes).isNotEmpty().allMatch(n -> n >= 1 && n <= 151);
        assertThat(store.list()).hasSize(151);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(ProfileStore.FILE_NAME);
        }
    }

    @Test
    void versionOneFilesAreMigratedAndRewrittenAsCurrent() throws Exception {
        Path file = dir.resolve(ProfileStore.FILE_NAME);
        Files.writeString(file, """
                {"profiles": [
                  {"name": "old-prod", "bootstrap": "k1:9093", "prod": true, "securityProtocol": "SSL",
                   "verifyHostname": false, "tls": {"trustStore": "/etc/ca.p12"}},
                  {"name": "old-dev", "bootstrap": "localhost:9092", "prod": false}
                ]}
                """);
        ProfileStore store = new ProfileStore(file);

        List<Profile> profiles = store.list();
        assertThat(profiles).extracting(Profile::name).containsExactly("old-dev", "old-prod");
        Profile prod = profiles.get(1);
        assertThat(prod.environment()).isEqualTo(Environment.PROD);
        assertThat(prod.bootstrapServers()).isEqualTo("k1:9093");
        assertThat(prod.tls().verifyHostname()).isFalse();
        assertThat(prod.tls().trustStoreType()).isEqualTo(StoreType.PKCS12);
        assertThat(profiles.get(0).environment()).isEqualTo(Environment.DEV);

        store.add(Profile.plaintext("new", "x:1", Environment.TEST));
        assertThat(Files.readString(file)).contains("\"schemaVersion\" : 2").doesNotContain("\"prod\"").doesNotContain("\"bootstrap\" :");
        assertThat(store.list()).hasSize(3);
    }

    @Test
    void aFileFromANewerVersionIsRefusedClearlyAndKept() throws Exception {
        Path file = dir.resolve(ProfileStore.FILE_NAME);
        String future = "{\"schemaVersion\": 9, \"profiles\": []}";
        Files.writeString(file, future);
        ProfileStore store = new ProfileStore(file);

        assertThatThrownBy(store::list).isInstanceOf(BacktrackException.class)
                .hasMessageContaining("written by a newer Backtrack (schema version 9; this version reads up to 2)");
        assertThatThrownBy(() -> store.add(Profile.plaintext("x", "h:1", Environment.DEV))).isInstanceOf(BacktrackException.class);
        assertThat(Files.readString(file)).isEqualTo(future);
    }

    @Test
    void malformedFileNamesFileAndLineAndIsNeverOverwritten() throws Exception {
        Path file = dir.resolve(ProfileStore.FILE_NAME);
        String broken = """
                {"schemaVersion": 2, "profiles": [
                  {"name": "a", "bootstrapServers": "h:1"},
                  {"name": "b" "bootstrapServers": "h:2"}
                ]}
                """;
        Files.writeString(file, broken);
        ProfileStore store = new ProfileStore(file);

        assertThatThrownBy(store::list).isInstanceOf(BacktrackException.class)
                .hasMessageStartingWith(file + ", line 3: ")
                .hasMessageEndingWith("(the file was left unchanged)")
                .message().doesNotContain("\n").doesNotContain("at com.fasterxml");
        assertThatThrownBy(() -> store.add(Profile.plaintext("c", "h:3", Environment.DEV))).isInstanceOf(BacktrackException.class);
        assertThatThrownBy(() -> store.remove("a")).isInstanceOf(BacktrackException.class);
        assertThat(Files.readString(file)).isEqualTo(broken);
    }

    @Test
    void invalidValuesAreReportedWithTheirLine() throws Exception {
        Path file = dir.resolve(ProfileStore.FILE_NAME);
        Files.writeString(file, """
                {"schemaVersion": 2, "profiles": [
                  {"name": "a", "bootstrapServers": "h:1",
                   "environment": "staging"}
                ]}
                """);
        assertThatThrownBy(() -> new ProfileStore(file).list()).isInstanceOf(BacktrackException.class)
                .hasMessageContaining(file + ", line 3: ").hasMessageContaining("staging");

        Files.writeString(file, """
                {"schemaVersion": 2, "profiles": [
                  {"name": "a", "bootstrapServers": "h:1", "properties": {"ssl.truststore.password": "x"}}
                ]}
                """);
        assertThatThrownBy(() -> new ProfileStore(file).list()).isInstanceOf(BacktrackException.class)
                .hasMessageContaining("line 2").hasMessageContaining("client property 'ssl.truststore.password' holds a secret");
    }

    @Test
    void profilesRejectSecretsAndBadNames() {
        assertThatThrownBy(() -> new Profile("p", null, null, "h:1", null, null, null, null,
                Map.of("sasl.jaas.config", "x"), null, false)).hasMessageContaining("holds a secret");
        for (String key : new String[] {"ssl.keystore.key", "basic.auth.user.info", "sasl.oauthbearer.client.credentials.client.secret"}) {
            assertThatThrownBy(() -> new Profile("p", null, null, "h:1", null, null, null, null, Map.of(key, "x"), null, false))
                    .hasMessageContaining("client property '" + key + "' holds a secret");
        }
        assertThatThrownBy(() -> Profile.plaintext("no spaces", "h:1", Environment.DEV)).hasMessageContaining("invalid profile name");
        assertThatThrownBy(() -> new Profile("p", null, null, "h:1", SecurityProtocol.SASL_SSL, null, null, null, null, null, false))
                .hasMessageContaining("needs a SASL mechanism");
    }

    @Test
    void renameKeepsOneAtomicWriteAndRefusesTakenNames() {
        ProfileStore store = ProfileStore.inDirectory(dir);
        store.add(Profile.plaintext("a", "h:1", Environment.DEV));
        store.add(Profile.plaintext("b", "h:2", Environment.DEV));
        assertThatThrownBy(() -> store.replace("a", Profile.plaintext("b", "h:1", Environment.DEV)))
                .hasMessage("a profile named 'b' already exists");
        store.replace("a", Profile.plaintext("c", "h:1", Environment.DEV));
        List<String> names = new ArrayList<>();
        store.list().forEach(p -> names.add(p.name()));
        assertThat(names).containsExactly("b", "c");
        assertThatThrownBy(() -> store.get("a")).hasMessage("no profile named 'a' (see 'backtrack profile list')");
    }

    @Test
    void exportHasTheFileFormatAndImportsBack() {
        ProfileStore store = ProfileStore.inDirectory(dir);
        store.add(full("prod-eu"));
        store.add(Profile.plaintext("local", "h:1", Environment.DEV));
        byte[] export = store.export(List.of("prod-eu"));
        String json = new String(export, StandardCharsets.UTF_8);
        assertThat(json).contains("prod-eu").doesNotContain("local");
        assertThat(ProfileStore.parse(export, "export.json").profiles()).containsExactly(full("prod-eu"));
    }
}
