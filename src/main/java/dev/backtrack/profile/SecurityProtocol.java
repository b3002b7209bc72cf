package dev.backtrack.profile;

/** Kafka's {@code security.protocol} values. */
public enum SecurityProtocol {
    PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL;

    public boolean usesTls() {
        return this == SSL || this == SASL_SSL;
    }

    public boolean usesSasl() {
        return this == SASL_PLAINTEXT || this == SASL_SSL;
    }
}
