package dev.backtrack.profile;

/** SASL mechanisms a profile can use; {@link #kafkaName()} is the value of {@code sasl.mechanism}. */
public enum SaslMechanism {
    PLAIN("PLAIN"),
    SCRAM_SHA_256("SCRAM-SHA-256"),
    SCRAM_SHA_512("SCRAM-SHA-512"),
    OAUTHBEARER("OAUTHBEARER"),
    GSSAPI("GSSAPI"),
    /** Amazon MSK IAM (aws-msk-iam-auth): credentials from the AWS default chain, no secret stored. */
    AWS_MSK_IAM("AWS_MSK_IAM");

    private final String kafkaName;

    SaslMechanism(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String kafkaName() {
        return kafkaName;
    }

    /** Whether the mechanism needs a secret (password or OAuth client secret) from the secret store. */
    public boolean needsSecret() {
        return this != GSSAPI && this != AWS_MSK_IAM;
    }

    /** Accepts both the Kafka spelling (SCRAM-SHA-512) and the enum name (SCRAM_SHA_512), any case. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static SaslMechanism parse(String text) {
        String normal = text.trim().toUpperCase(java.util.Locale.ROOT).replace('_', '-');
        for (SaslMechanism m : values()) {
            if (m.kafkaName.replace('_', '-').equals(normal)) {
                return m;
            }
        }
        throw new dev.backtrack.BacktrackException("unknown SASL mechanism '" + text
                + "' (expected PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER, GSSAPI or AWS_MSK_IAM)");
    }

    @Override
    public String toString() {
        return kafkaName;
    }
}
