package dev.backtrack.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.kafka.ConnectionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileResolverTest {
    @TempDir
    Path dir;

    private final InMemorySecretStore secrets = new InMemorySecretStore();

    private ConnectionSettings resolve(Profile profile) {
        return new ProfileResolver(secrets).resolve(profile);
    }

    private static Profile sasl(String name, SaslSettings sasl) {
        return new Profile(name, null, Environment.DEV, "h:9093", SecurityProtocol.SASL_SSL, sasl, null, null, null, null, false);
    }

    @Test
    void scramJaasIsGeneratedAndQuotedSoKafkaParsesItBack() {
        secrets.write("s", SecretKind.SASL_PASSWORD, "pa\"ss\\word;x=y");
        ConnectionSettings settings = resolve(sasl("s", SaslSettings.userPassword(SaslMechanism.SCRAM_SHA_512, "al ice")));

        Map<String, String> props = settings.clientProperties();
        assertThat(props).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.endpoint.identification.algorithm", "https");
        JaasContext jaas = JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(props.get("sasl.jaas.config"))));
        assertThat(jaas.configurationEntries()).hasSize(1);
        assertThat(jaas.configurationEntries().getFirst().getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        Map<String, ?> options = jaas.configurationEntries().getFirst().getOptions();
        assertThat(options.get("username")).isEqualTo("al ice");
        assertThat(options.get("password")).isEqualTo("pa\"ss\\word;x=y");
        assertThat(settings.toString()).doesNotContain("pa\"ss");
        assertThat(settings.writeProtected()).isFalse();
    }

    @Test
    void oauthUsesKafkasCallbackHandlerAndAllowsTheEndpoint() {
        secrets.write("o", SecretKind.SASL_PASSWORD, "client-secret");
        String endpoint = "https://idp.example/oauth2/token";
        Map<String, String> props = resolve(sasl("o", new SaslSettings(SaslMechanism.OAUTHBEARER, "cid", endpoint, "kafka.read",
                null, null, null))).clientProperties();

        assertThat(props).containsEntry("sasl.mechanism", "OAUTHBEARER")
                .containsEntry("sasl.login.callback.handler.class", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler")
                .containsEntry("sasl.oauthbearer.token.endpoint.url", endpoint);
        assertThat(props.get("sasl.jaas.config")).isEqualTo("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
                + " clientId=\"cid\" clientSecret=\"client-secret\" scope=\"kafka.read\";");
        assertThat(System.getProperty(ProfileResolver.OAUTH_ALLOWED_URLS)).contains(endpoint);
    }

    @Test
    void gssapiAndMskIamNeedNoStoredSecret() throws Exception {
        Path keytab = Files.writeString(dir.resolve("svc.keytab"), "k");
        Profile kerberos = sasl("k", new SaslSettings(SaslMechanism.GSSAPI, "svc@EXAMPLE.COM", null, null, keytab.toString(), null, null));
        assertThat(kerberos.requiredSecrets()).isEmpty();
        Map<String, String> props = resolve(kerberos).clientProperties();
        assertThat(props).containsEntry("sasl.kerberos.service.name", "kafka");
        assertThat(props.get("sasl.jaas.config")).startsWith("com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true")
                .contains("principal=\"svc@EXAMPLE.COM\"").contains(keytab.toAbsolutePath().toString());

        Profile msk = sasl("m", new SaslSettings(SaslMechanism.AWS_MSK_IAM, null, null, null, null, null, null));
        Map<String, String> iam = resolve(msk).clientProperties();
        assertThat(iam).containsEntry("sasl.mechanism", "AWS_MSK_IAM")
                .containsEntry("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;");
        // the handler named in the properties is really on the runtime class path
        assertThat(Class.forName(iam.get("sasl.client.callback.handler.class"))).isNotNull();
        assertThat(SaslMechanism.parse("aws-msk-iam")).isEqualTo(SaslMechanism.AWS_MSK_IAM);
    }

    @Test
    void tlsStoresPemAndHostnameVerificationOffIsExplicit() throws Exception {
        Path pem = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path p12 = Files.writeString(dir.resolve("client.p12"), "x");
        secrets.write("t", SecretKind.KEYSTORE_PASSWORD, "ks");
        secrets.write("t", SecretKind.KEY_PASSWORD, "kp");
        Profile tls = new Profile("t", null, Environment.PROD, "h:9093", SecurityProtocol.SSL, null,
                new TlsSettings(pem.toString(), null, p12.toString(), null, true, true), null, null, null, false);
        assertThat(tls.requiredSecrets()).containsExactly(SecretKind.KEYSTORE_PASSWORD, SecretKind.KEY_PASSWORD);

        ConnectionSettings settings = resolve(tls);
        assertThat(settings.clientProperties()).containsEntry("ssl.truststore.type", "PEM")
                .doesNotContainKey("ssl.truststore.password")
                .containsEntry("ssl.keystore.type", "PKCS12").containsEntry("ssl.keystore.password", "ks")
                .containsEntry("ssl.key.password", "kp").containsEntry("ssl.endpoint.identification.algorithm", "");
        assertThat(settings.writeProtected()).isTrue();
    }

    @Test
    void registrySecretsComeFromTheStore() {
        secrets.write("r", SecretKind.REGISTRY_PASSWORD, "reg-pw");
        Profile basic = new Profile("r", null, Environment.DEV, "h:1", null, null, null,
                new RegistryProfile("http://reg:8081/", null, "ruser", null, null, false), null, null, false);
        assertThat(basic.registry().auth()).isEqualTo(RegistryAuth.BASIC);
        var registry = resolve(basic).registry();
        assertThat(registry.url()).isEqualTo("http://reg:8081");
        assertThat(registry.username()).isEqualTo("ruser");
        assertThat(registry.password()).isEqualTo("reg-pw");
        assertThat(registry.toString()).doesNotContain("reg-pw");
    }

    @Test
    void missingSecretOrFileIsAClearError() {
        Profile scram = sasl("x", SaslSettings.userPassword(SaslMechanism.PLAIN, "u"));
        assertThatThrownBy(() -> resolve(scram)).hasMessage("profile 'x' needs its SASL password (OAuth: client secret) but none is"
                + " stored in memory (not persisted); enter it with 'backtrack profile edit x --secrets'");
        Profile tls = new Profile("y", null, Environment.DEV, "h:1", SecurityProtocol.SSL, null,
                new TlsSettings("/nonexistent/ca.pem", null, null, null, false, false), null, null, null, false);
        assertThatThrownBy(() -> resolve(tls)).hasMessage("the trust store of profile 'y' cannot be read: /nonexistent/ca.pem");
    }
}
