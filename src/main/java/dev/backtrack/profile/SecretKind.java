package dev.backtrack.profile;

/**
 * The secrets a profile can need, in the order the CLI reads them from a non-terminal stdin (one per
 * line, only those the profile needs).
 */
public enum SecretKind {
    SASL_PASSWORD("SASL password (OAuth: client secret)"),
    TRUSTSTORE_PASSWORD("trust store password"),
    KEYSTORE_PASSWORD("key store password"),
    KEY_PASSWORD("private key password"),
    REGISTRY_PASSWORD("schema registry password (bearer: token)"),
    REGISTRY_TRUSTSTORE_PASSWORD("schema registry trust store password");

    private final String label;

    SecretKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
