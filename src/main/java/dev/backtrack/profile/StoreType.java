package dev.backtrack.profile;

/** Key/trust store file formats Kafka reads ({@code ssl.truststore.type}, {@code ssl.keystore.type}). */
public enum StoreType {
    JKS, PKCS12, PEM;

    /** PEM trust stores have no password; PEM key stores only have the private key's password. */
    public boolean hasStorePassword() {
        return this != PEM;
    }

    /** Guesses from the file name: .pem/.crt/.cer → PEM, .jks → JKS, anything else PKCS12. */
    public static StoreType fromFileName(String file) {
        String lower = file.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".pem") || lower.endsWith(".crt") || lower.endsWith(".cer")) {
            return PEM;
        }
        return lower.endsWith(".jks") ? JKS : PKCS12;
    }
}
