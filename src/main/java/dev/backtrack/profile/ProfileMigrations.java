package dev.backtrack.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.BacktrackException;
import java.nio.file.Path;

/**
 * Upgrades an older profiles file, as a JSON tree, to {@link ProfileStore#SCHEMA_VERSION}, one version
 * step at a time. Files from a newer Backtrack are refused rather than guessed at.
 */
final class ProfileMigrations {
    private ProfileMigrations() {
    }

    /** The file's version; a file without "schemaVersion" is version 1 (the first format). */
    static int versionOf(JsonNode root) {
        JsonNode version = root.get("schemaVersion");
        return version == null ? 1 : version.asInt(-1);
    }

    static ObjectNode upgrade(ObjectNode root, Path file) {
        int version = versionOf(root);
        if (version > ProfileStore.SCHEMA_VERSION) {
            throw new BacktrackException(file + " was written by a newer Backtrack (schema version " + version
                    + "; this version reads up to " + ProfileStore.SCHEMA_VERSION + "): upgrade Backtrack to use it");
        }
        if (version < 1) {
            throw new BacktrackException(file + " has an invalid schemaVersion: " + root.get("schemaVersion"));
        }
        if (version == 1) {
            root = fromV1(root);
        }
        return root;
    }

    /**
     * Version 1 kept a boolean "prod" instead of an environment, the bootstrap list under "bootstrap",
     * and a profile-level "verifyHostname" flag; version 2 has "environment", "bootstrapServers" and
     * "tls.hostnameVerificationDisabled".
     */
    static ObjectNode fromV1(ObjectNode root) {
        JsonNode profiles = root.path("profiles");
        if (profiles instanceof ArrayNode array) {
            for (JsonNode node : array) {
                if (node instanceof ObjectNode profile) {
                    if (profile.has("prod")) {
                        profile.put("environment", profile.remove("prod").asBoolean() ? "PROD" : "DEV");
                    }
                    if (profile.has("bootstrap")) {
                        profile.set("bootstrapServers", profile.remove("bootstrap"));
                    }
                    if (profile.has("verifyHostname")) {
                        boolean verify = profile.remove("verifyHostname").asBoolean(true);
                        ObjectNode tls = profile.has("tls") ? (ObjectNode) profile.get("tls") : profile.putObject("tls");
                        tls.put("hostnameVerificationDisabled", !verify);
                    }
                }
            }
        }
        root.put("schemaVersion", 2);
        return root;
    }
}
