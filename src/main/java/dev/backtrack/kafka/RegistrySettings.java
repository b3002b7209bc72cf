package dev.backtrack.kafka;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach a Confluent-compatible schema registry. Secrets (password, bearer token, store
 * passwords) are resolved at run time from the secret store and never written anywhere.
 */
public record RegistrySettings(String url, String username, String password, String bearerToken,
                               Path trustStore, String trustStoreType, String trustStorePassword,
                               boolean verifyHostname) {
    public RegistrySettings {
        Objects.requireNonNull(url, "url");
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public static RegistrySettings of(String url) {
        return new RegistrySettings(url, null, null, null, null, null, null, true);
    }

    @Override
    public String toString() {
        // never print secrets
        return "RegistrySettings[url=" + url + ", user=" + username + ", basic=" + (password != null)
                + ", bearer=" + (bearerToken != null) + ", trustStore=" + trustStore + "]";
    }
}
