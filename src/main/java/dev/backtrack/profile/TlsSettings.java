package dev.backtrack.profile;

/**
 * TLS files of a profile, without passwords. Hostname verification is on unless
 * {@code hostnameVerificationDisabled} is explicitly true (an absent field in the file means "on").
 * {@code keyPasswordProtected} says the private key has its own password besides the key store's.
 */
public record TlsSettings(String trustStore, StoreType trustStoreType, String keyStore, StoreType keyStoreType,
                          boolean keyPasswordProtected, boolean hostnameVerificationDisabled) {
    public static final TlsSettings DEFAULT = new TlsSettings(null, null, null, null, false, false);

    public TlsSettings {
        if (trustStore != null && trustStoreType == null) {
            trustStoreType = StoreType.fromFileName(trustStore);
        }
        if (keyStore != null && keyStoreType == null) {
            keyStoreType = StoreType.fromFileName(keyStore);
        }
    }

    public boolean verifyHostname() {
        return !hostnameVerificationDisabled;
    }

    public boolean needsTrustStorePassword() {
        return trustStore != null && trustStoreType.hasStorePassword();
    }

    public boolean needsKeyStorePassword() {
        return keyStore != null && keyStoreType.hasStorePassword();
    }

    public boolean needsKeyPassword() {
        return keyStore != null && keyPasswordProtected;
    }
}
