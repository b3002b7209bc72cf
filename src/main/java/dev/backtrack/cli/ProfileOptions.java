package dev.backtrack.cli;

import dev.backtrack.BacktrackException;
import dev.backtrack.codec.Format;
import dev.backtrack.profile.Environment;
import dev.backtrack.profile.Profile;
import dev.backtrack.profile.RegistryAuth;
import dev.backtrack.profile.RegistryProfile;
import dev.backtrack.profile.SaslMechanism;
import dev.backtrack.profile.SaslSettings;
import dev.backtrack.profile.SecurityProtocol;
import dev.backtrack.profile.StoreType;
import dev.backtrack.profile.TlsSettings;
import dev.backtrack.profile.TopicDecoders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * The settings options shared by {@code profile add} and {@code profile edit}. Every field is nullable:
 * add starts from nothing, edit changes only what was given. Secrets have no option on purpose.
 */
final class ProfileOptions {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,...]", description = "Bootstrap servers (required for add).")
    String bootstrap;

    @Option(names = "--environment", paramLabel = "dev|test|prod", description = "prod profiles are read-only until unlocked for a run.")
    Environment environment;

    @Option(names = "--color", paramLabel = "C", description = "Colour shown for this profile, e.g. #d33 or red.")
    String color;

    @Option(names = "--security-protocol", paramLabel = "P",
            description = "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (default: SASL_SSL with --sasl-mechanism, else PLAINTEXT).")
    SecurityProtocol securityProtocol;

    @Option(names = "--sasl-mechanism", paramLabel = "M",
            description = "PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER, GSSAPI or AWS_MSK_IAM.")
    String saslMechanism;

    @Option(names = "--username", paramLabel = "U",
            description = "SASL user; OAuth client id; Kerberos principal; AWS profile name (optional, MSK IAM).")
    String username;

    @Option(names = "--token-endpoint", paramLabel = "URL", description = "OAUTHBEARER: client-credentials token endpoint.")
    String tokenEndpoint;

    @Option(names = "--scope", paramLabel = "S", description = "OAUTHBEARER: scope to request.")
    String scope;

    @Option(names = "--keytab", paramLabel = "FILE", description = "GSSAPI: keytab file.")
    String keytab;

    @Option(names = "--krb5-config", paramLabel = "FILE", description = "GSSAPI: krb5.conf (default: the JDK's).")
    String krb5Config;

    @Option(names = "--kerberos-service-name", paramLabel = "NAME", description = "GSSAPI: broker service name (default kafka).")
    String kerberosServiceName;

    @Option(names = "--truststore", paramLabel = "FILE", description = "Trust store (JKS, PKCS12 or PEM) with the CA of the brokers.")
    String truststore;

    @Option(names = "--truststore-type", paramLabel = "T", description = "JKS, PKCS12 or PEM (default: from the file name).")
    StoreType truststoreType;

    @Option(names = "--keystore", paramLabel = "FILE", description = "Key store with the client certificate (mutual TLS).")
    String keystore;

    @Option(names = "--keystore-type", paramLabel = "T", description = "JKS, PKCS12 or PEM (default: from the file name).")
    StoreType keystoreType;

    @Option(names = "--key-password", negatable = true, description = "The private key has its own password (asked for).")
    Boolean keyPassword;

    @Option(names = "--hostname-verification", negatable = true, defaultValue = "_NULL_",
            description = "Verify broker host names against their certificates (on by default; --no-hostname-verification turns it off).")
    Boolean hostnameVerification;

    @Option(names = "--registry", paramLabel = "URL", description = "Schema registry URL ('' to remove it).")
    String registry;

    @Option(names = "--registry-username", paramLabel = "U", description = "Schema registry basic-auth user (password asked for).")
    String registryUsername;

    @Option(names = "--registry-bearer", negatable = true, description = "Authenticate to the registry with a bearer token (asked for).")
    Boolean registryBearer;

    @Option(names = "--registry-truststore", paramLabel = "FILE", description = "Trust store for the registry's TLS.")
    String registryTruststore;

    @Option(names = "--registry-truststore-type", paramLabel = "T", description = "JKS, PKCS12 or PEM.")
    StoreType registryTruststoreType;

    @Option(names = "--registry-hostname-verification", negatable = true, defaultValue = "_NULL_",
            description = "Verify the registry's host name (on by default).")
    Boolean registryHostnameVerification;

    @Option(names = "--property", paramLabel = "K=V", description = "Extra Kafka client property (advanced; no secrets). Repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--decoder", paramLabel = "TOPIC=KEY:VALUE",
            description = "Default decoders of a topic, e.g. orders=TEXT:AVRO. Repeatable.")
    Map<String, String> decoders = new LinkedHashMap<>();

    @Option(names = "--read-only", negatable = true, description = "Refuse writes to this profile until unlocked, whatever its environment.")
    Boolean readOnly;

    /** Builds the profile named {@code name} from {@code base} (null for add) and the given options. */
    Profile apply(String name, Profile base) {
        if (base == null && bootstrap == null) {
            throw new BacktrackException("a new profile needs --bootstrap HOST:PORT");
        }
        SaslSettings baseSasl = base == null ? null : base.sasl();
        SaslMechanism mechanism = saslMechanism != null ? SaslMechanism.parse(saslMechanism)
                : baseSasl == null ? null : baseSasl.mechanism();
        SecurityProtocol protocol = securityProtocol != null ? securityProtocol
                : base != null ? base.securityProtocol()
                : mechanism != null ? SecurityProtocol.SASL_SSL
                : truststore != null || keystore != null ? SecurityProtocol.SSL : SecurityProtocol.PLAINTEXT;
        SaslSettings sasl = null;
        if (protocol.usesSasl()) {
            if (mechanism == null) {
                throw new BacktrackException(protocol + " needs --sasl-mechanism");
            }
            sasl = new SaslSettings(mechanism, pick(username, baseSasl, SaslSettings::username),
                    pick(tokenEndpoint, baseSasl, SaslSettings::tokenEndpointUrl), pick(scope, baseSasl, SaslSettings::scope),
                    pick(keytab, baseSasl, SaslSettings::keytab), pick(krb5Config, baseSasl, SaslSettings::krb5Config),
                    pick(kerberosServiceName, baseSasl, SaslSettings::kerberosServiceName));
        } else if (mechanism != null && saslMechanism != null) {
            throw new BacktrackException("--sasl-mechanism needs --security-protocol SASL_SSL or SASL_PLAINTEXT");
        }
        TlsSettings t = base == null ? TlsSettings.DEFAULT : base.tls();
        TlsSettings tls = new TlsSettings(truststore != null ? truststore : t.trustStore(),
                truststoreType != null ? truststoreType : truststore != null ? null : t.trustStoreType(),
                keystore != null ? keystore : t.keyStore(),
                keystoreType != null ? keystoreType : keystore != null ? null : t.keyStoreType(),
                keyPassword != null ? keyPassword : t.keyPasswordProtected(),
                hostnameVerification != null ? !hostnameVerification : t.hostnameVerificationDisabled());
        Map<String, String> props = new TreeMap<>(base == null ? Map.of() : base.properties());
        properties.forEach((k, v) -> {
            if (v.isEmpty()) {
                props.remove(k);
            } else {
                props.put(k, v);
            }
        });
        Map<String, TopicDecoders> topicDecoders = new TreeMap<>(base == null ? Map.of() : base.decoders());
        decoders.forEach((topic, spec) -> topicDecoders.put(topic, parseDecoders(topic, spec)));
        return new Profile(name, color != null ? color : base == null ? null : base.color(),
                environment != null ? environment : base == null ? Environment.DEV : base.environment(),
                bootstrap != null ? bootstrap : base.bootstrapServers(), protocol, sasl, tls,
                registry(base == null ? null : base.registry()), props, topicDecoders,
                readOnly != null ? readOnly : base != null && base.readOnly());
    }

    private RegistryProfile registry(RegistryProfile base) {
        if (registry != null && registry.isEmpty()) {
            return null;
        }
        String url = registry != null ? registry : base == null ? null : base.url();
        if (url == null) {
            if (registryUsername != null || registryBearer != null || registryTruststore != null) {
                throw new BacktrackException("registry options need --registry URL");
            }
            return null;
        }
        String user = registryUsername != null ? registryUsername : base == null ? null : base.username();
        RegistryAuth auth = Boolean.TRUE.equals(registryBearer) ? RegistryAuth.BEARER
                : registryUsername != null ? RegistryAuth.BASIC
                : Boolean.FALSE.equals(registryBearer) ? (user == null ? RegistryAuth.NONE : RegistryAuth.BASIC)
                : base == null ? (user == null ? RegistryAuth.NONE : RegistryAuth.BASIC) : base.auth();
        String trust = registryTruststore != null ? registryTruststore : base == null ? null : base.trustStore();
        StoreType trustType = registryTruststoreType != null ? registryTruststoreType
                : registryTruststore != null || base == null ? null : base.trustStoreType();
        boolean verifyOff = registryHostnameVerification != null ? !registryHostnameVerification
                : base != null && base.hostnameVerificationDisabled();
        return new RegistryProfile(url, auth, auth == RegistryAuth.BASIC ? user : null, trust, trustType, verifyOff);
    }

    private static TopicDecoders parseDecoders(String topic, String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length != 2) {
            throw new BacktrackException("--decoder " + topic + "=" + spec + " must be TOPIC=KEY:VALUE, e.g. orders=TEXT:AVRO");
        }
        return new TopicDecoders(format(parts[0]), format(parts[1]));
    }

    private static Format format(String text) {
        if (text.isBlank() || text.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return Format.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BacktrackException("unknown format '" + text + "' (one of " + java.util.Arrays.toString(Format.values()) + ")");
        }
    }

    private static String pick(String given, SaslSettings base, java.util.function.Function<SaslSettings, String> field) {
        return given != null ? given : base == null ? null : field.apply(base);
    }
}
