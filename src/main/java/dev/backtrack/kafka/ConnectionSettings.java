package dev.backtrack.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything needed to talk to one cluster: a name (the profile's), bootstrap servers, the client
 * properties for security (with secrets already resolved, in memory only), the registry, and whether
 * writes are guarded (prod profiles, read-only profiles).
 */
public record ConnectionSettings(String name, String bootstrapServers, Map<String, String> clientProperties,
                                 RegistrySettings registry, boolean writeProtected) {
    private static final Set<String> SECRET_KEY_PARTS = Set.of("password", "jaas", "secret", "token", "credential");

    public ConnectionSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        clientProperties = Map.copyOf(clientProperties);
    }

    public static ConnectionSettings plaintext(String bootstrap) {
        return new ConnectionSettings(bootstrap, bootstrap, Map.of(), null, false);
    }

    public ConnectionSettings withRegistry(RegistrySettings registry) {
        return new ConnectionSettings(name, bootstrapServers, clientProperties, registry, writeProtected);
    }

    public ConnectionSettings withName(String name) {
        return new ConnectionSettings(name, bootstrapServers, clientProperties, registry, writeProtected);
    }

    public ConnectionSettings withWriteProtected(boolean writeProtected) {
        return new ConnectionSettings(name, bootstrapServers, clientProperties, registry, writeProtected);
    }

    /** The client properties with every secret-looking value masked, safe to log or show. */
    public static Map<String, String> redacted(Map<String, ?> properties) {
        Map<String, String> out = new TreeMap<>();
        properties.forEach((k, v) -> out.put(k, isSecretKey(k) ? "[hidden]" : String.valueOf(v)));
        return out;
    }

    public static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(java.util.Locale.ROOT);
        return SECRET_KEY_PARTS.stream().anyMatch(lower::contains);
    }

    @Override
    public String toString() {
        return "ConnectionSettings[name=" + name + ", bootstrap=" + bootstrapServers + ", properties="
                + redacted(clientProperties) + ", registry=" + registry + ", writeProtected=" + writeProtected + "]";
    }
}
