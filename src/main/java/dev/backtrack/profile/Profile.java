package dev.backtrack.profile;

import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.ConnectionSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A saved connection profile. Holds no secret: passwords, tokens and store passwords live in a
 * {@link SecretStore} under ({@link #name}, {@link SecretKind}). {@code properties} are extra client
 * properties (advanced) and may not carry secrets either; {@code decoders} are default decoders per topic.
 */
public record Profile(String name, String color, Environment environment, String bootstrapServers,
                      SecurityProtocol securityProtocol, SaslSettings sasl, TlsSettings tls,
                      RegistryProfile registry, Map<String, String> properties,
                      Map<String, TopicDecoders> decoders, boolean readOnly) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Profile {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new BacktrackException("invalid profile name '" + name
                    + "': use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new BacktrackException("profile '" + name + "' needs bootstrap servers (--bootstrap host:port)");
        }
        environment = environment == null ? Environment.DEV : environment;
        securityProtocol = securityProtocol == null ? SecurityProtocol.PLAINTEXT : securityProtocol;
        tls = tls == null ? TlsSettings.DEFAULT : tls;
        if (securityProtocol.usesSasl() && sasl == null) {
            throw new BacktrackException("profile '" + name + "' uses " + securityProtocol
                    + " and needs a SASL mechanism (--sasl-mechanism)");
        }
        if (!securityProtocol.usesSasl()) {
            sasl = null;
        }
        properties = Map.copyOf(properties == null ? Map.of() : new TreeMap<>(properties));
        for (String key : properties.keySet()) {
            if (holdsSecret(key)) {
                throw new BacktrackException("client property '" + key + "' holds a secret and cannot be saved in a profile;"
                        + " passwords are prompted and kept in the secret store");
            }
        }
        decoders = Map.copyOf(decoders == null ? Map.of() : decoders);
    }

    /** Secret-bearing client properties: passwords/JAAS/tokens, inline private keys, basic-auth user info. */
    static boolean holdsSecret(String key) {
        String lower = key.toLowerCase(java.util.Locale.ROOT);
        return ConnectionSettings.isSecretKey(key) || lower.equals("ssl.keystore.key") || lower.endsWith("user.info");
    }

    /** Writes are refused until unlocked for prod and read-only profiles. */
    public boolean writeProtected() {
        return environment == Environment.PROD || readOnly;
    }

    /** The secrets this profile needs, in {@link SecretKind} order (the CLI's stdin order). */
    public List<SecretKind> requiredSecrets() {
        List<SecretKind> kinds = new ArrayList<>();
        if (sasl != null && sasl.mechanism().needsSecret()) {
            kinds.add(SecretKind.SASL_PASSWORD);
        }
        if (securityProtocol.usesTls() && tls.needsTrustStorePassword()) {
            kinds.add(SecretKind.TRUSTSTORE_PASSWORD);
        }
        if (securityProtocol.usesTls() && tls.needsKeyStorePassword()) {
            kinds.add(SecretKind.KEYSTORE_PASSWORD);
        }
        if (securityProtocol.usesTls() && tls.needsKeyPassword()) {
            kinds.add(SecretKind.KEY_PASSWORD);
        }
        if (registry != null && registry.needsPassword()) {
            kinds.add(SecretKind.REGISTRY_PASSWORD);
        }
        if (registry != null && registry.trustStore() != null && registry.trustStoreType().hasStorePassword()) {
            kinds.add(SecretKind.REGISTRY_TRUSTSTORE_PASSWORD);
        }
        return kinds;
    }

    public Profile withName(String newName) {
        return new Profile(newName, color, environment, bootstrapServers, securityProtocol, sasl, tls, registry,
                properties, decoders, readOnly);
    }

    public Profile withDecoders(String topic, TopicDecoders topicDecoders) {
        Map<String, TopicDecoders> next = new TreeMap<>(decoders);
        next.put(topic, topicDecoders);
        return new Profile(name, color, environment, bootstrapServers, securityProtocol, sasl, tls, registry,
                properties, next, readOnly);
    }

    public static Profile plaintext(String name, String bootstrap, Environment environment) {
        return new Profile(name, null, environment, bootstrap, SecurityProtocol.PLAINTEXT, null, null, null,
                Map.of(), Map.of(), false);
    }
}
