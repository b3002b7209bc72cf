package dev.backtrack.profile;

import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.RegistrySettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns a {@link Profile} plus its secrets into {@link ConnectionSettings}: Kafka client properties
 * (security protocol, TLS stores, generated {@code sasl.jaas.config}) and registry settings. Users
 * never write JAAS; the secrets only ever live in the returned in-memory settings.
 */
public final class ProfileResolver {
    /** Kafka 4 refuses OAuth token endpoints not listed in this system property. */
    public static final String OAUTH_ALLOWED_URLS = "org.apache.kafka.sasl.oauthbearer.allowed.urls";
    static final String OAUTH_CALLBACK_HANDLER = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler";
    static final String MSK_IAM_CALLBACK_HANDLER = "software.amazon.msk.auth.iam.IAMClientCallbackHandler";

    private final SecretStore secrets;

    public ProfileResolver(SecretStore secrets) {
        this.secrets = secrets;
    }

    public ConnectionSettings resolve(Profile profile) {
        Map<String, String> props = new TreeMap<>(profile.properties());
        props.put("security.protocol", profile.securityProtocol().name());
        if (profile.securityProtocol().usesTls()) {
            putTls(profile, props);
        }
        if (profile.sasl() != null) {
            putSasl(profile, profile.sasl(), props);
        }
        RegistrySettings registry = profile.registry() == null ? null : registry(profile, profile.registry());
        return new ConnectionSettings(profile.name(), profile.bootstrapServers(), props, registry, profile.writeProtected());
    }

    private void putTls(Profile profile, Map<String, String> props) {
        TlsSettings tls = profile.tls();
        if (tls.trustStore() != null) {
            props.put("ssl.truststore.location", existing(profile, tls.trustStore(), "trust store"));
            props.put("ssl.truststore.type", tls.trustStoreType().name());
            if (tls.needsTrustStorePassword()) {
                props.put("ssl.truststore.password", secret(profile, SecretKind.TRUSTSTORE_PASSWORD));
            }
        }
        if (tls.keyStore() != null) {
            props.put("ssl.keystore.location", existing(profile, tls.keyStore(), "key store"));
            props.put("ssl.keystore.type", tls.keyStoreType().name());
            if (tls.needsKeyStorePassword()) {
                props.put("ssl.keystore.password", secret(profile, SecretKind.KEYSTORE_PASSWORD));
            }
            if (tls.needsKeyPassword()) {
                props.put("ssl.key.password", secret(profile, SecretKind.KEY_PASSWORD));
            }
        }
        // "https" verifies the broker's name against its certificate; "" turns it off (explicit choice only)
        props.put("ssl.endpoint.identification.algorithm", tls.verifyHostname() ? "https" : "");
    }

    private void putSasl(Profile profile, SaslSettings sasl, Map<String, String> props) {
        props.put("sasl.mechanism", sasl.mechanism().kafkaName());
        switch (sasl.mechanism()) {
            case PLAIN -> props.put("sasl.jaas.config", jaas("org.apache.kafka.common.security.plain.PlainLoginModule",
                    "username", sasl.username(), "password", secret(profile, SecretKind.SASL_PASSWORD)));
            case SCRAM_SHA_256, SCRAM_SHA_512 -> props.put("sasl.jaas.config", jaas("org.apache.kafka.common.security.scram.ScramLoginModule",
                    "username", sasl.username(), "password", secret(profile, SecretKind.SASL_PASSWORD)));
            case OAUTHBEARER -> {
                props.put("sasl.login.callback.handler.class", OAUTH_CALLBACK_HANDLER);
                props.put("sasl.oauthbearer.token.endpoint.url", sasl.tokenEndpointUrl());
                allowOAuthEndpoint(sasl.tokenEndpointUrl());
                String secret = secret(profile, SecretKind.SASL_PASSWORD);
                props.put("sasl.jaas.config", sasl.scope() == null || sasl.scope().isBlank()
                        ? jaas("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule",
                                "clientId", sasl.username(), "clientSecret", secret)
                        : jaas("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule",
                                "clientId", sasl.username(), "clientSecret", secret, "scope", sasl.scope()));
            }
            case GSSAPI -> {
                props.put("sasl.kerberos.service.name", sasl.kerberosServiceName() == null ? "kafka" : sasl.kerberosServiceName());
                String keytab = existing(profile, sasl.keytab(), "keytab");
                props.put("sasl.jaas.config", "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true storeKey=true"
                        + " keyTab=" + quote(keytab) + " principal=" + quote(sasl.username()) + ";");
                if (sasl.krb5Config() != null) {
                    // the JDK's Kerberos reads krb5.conf from a process-wide property only
                    System.setProperty("java.security.krb5.conf", existing(profile, sasl.krb5Config(), "krb5.conf"));
                }
            }
            case AWS_MSK_IAM -> {
                props.put("sasl.client.callback.handler.class", MSK_IAM_CALLBACK_HANDLER);
                props.put("sasl.jaas.config", sasl.username() == null || sasl.username().isBlank()
                        ? "software.amazon.msk.auth.iam.IAMLoginModule required;"
                        : jaas("software.amazon.msk.auth.iam.IAMLoginModule", "awsProfileName", sasl.username()));
            }
        }
    }

    private RegistrySettings registry(Profile profile, RegistryProfile registry) {
        String password = registry.auth() == RegistryAuth.BASIC ? secret(profile, SecretKind.REGISTRY_PASSWORD) : null;
        String token = registry.auth() == RegistryAuth.BEARER ? secret(profile, SecretKind.REGISTRY_PASSWORD) : null;
        Path trustStore = registry.trustStore() == null ? null : Path.of(existing(profile, registry.trustStore(), "registry trust store"));
        String trustPassword = trustStore != null && registry.trustStoreType().hasStorePassword()
                ? secret(profile, SecretKind.REGISTRY_TRUSTSTORE_PASSWORD) : null;
        return new RegistrySettings(registry.url(), registry.auth() == RegistryAuth.BASIC ? registry.username() : null,
                password, token, trustStore, trustStore == null ? null : registry.trustStoreType().name(), trustPassword,
                !registry.hostnameVerificationDisabled());
    }

    private String secret(Profile profile, SecretKind kind) {
        return secrets.read(profile.name(), kind).orElseThrow(() -> new BacktrackException("profile '" + profile.name()
                + "' needs its " + kind.label() + " but none is stored in " + secrets.description()
                + "; enter it with 'backtrack profile edit " + profile.name() + " --secrets'"));
    }

    private static String existing(Profile profile, String file, String what) {
        Path path = Path.of(file);
        if (!java.nio.file.Files.isReadable(path)) {
            throw new BacktrackException("the " + what + " of profile '" + profile.name() + "' cannot be read: " + file);
        }
        return path.toAbsolutePath().toString();
    }

    /** Builds "Module required k1="v1" k2="v2";" with JAAS quoting. */
    static String jaas(String module, String... keyValues) {
        StringBuilder out = new StringBuilder(module).append(" required");
        for (int i = 0; i < keyValues.length; i += 2) {
            out.append(' ').append(keyValues[i]).append('=').append(quote(keyValues[i + 1]));
        }
        return out.append(';').toString();
    }

    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static synchronized void allowOAuthEndpoint(String url) {
        String current = System.getProperty(OAUTH_ALLOWED_URLS, "");
        Set<String> urls = Arrays.stream(current.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (urls.add(url)) {
            System.setProperty(OAUTH_ALLOWED_URLS, String.join(",", urls));
        }
    }
}
