package dev.backtrack.profile;

import dev.backtrack.BacktrackException;

/**
 * The schema registry of a profile, without secrets: URL, how to authenticate (basic user name, or a
 * bearer token held in the secret store) and its own TLS trust store (password in the secret store).
 */
public record RegistryProfile(String url, RegistryAuth auth, String username, String trustStore,
                              StoreType trustStoreType, boolean hostnameVerificationDisabled) {
    public RegistryProfile {
        if (url == null || url.isBlank()) {
            throw new BacktrackException("the schema registry needs a URL");
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new BacktrackException("the schema registry URL must start with http:// or https://: " + url);
        }
        if (auth == null) {
            auth = username == null ? RegistryAuth.NONE : RegistryAuth.BASIC;
        }
        if (auth == RegistryAuth.BASIC && (username == null || username.isBlank())) {
            throw new BacktrackException("basic authentication to the schema registry needs a user name (--registry-username)");
        }
        if (trustStore != null && trustStoreType == null) {
            trustStoreType = StoreType.fromFileName(trustStore);
        }
    }

    public static RegistryProfile of(String url) {
        return new RegistryProfile(url, RegistryAuth.NONE, null, null, null, false);
    }

    public boolean needsPassword() {
        return auth != RegistryAuth.NONE;
    }
}
