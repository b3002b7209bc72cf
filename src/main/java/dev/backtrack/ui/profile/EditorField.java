package dev.backtrack.ui.profile;

import dev.backtrack.profile.SecretKind;

/** The fields of the profile editor that can carry an inline validation message. */
public enum EditorField {
    NAME, BOOTSTRAP, USERNAME, PASSWORD, TOKEN_ENDPOINT, KEYTAB, TRUSTSTORE_PASSWORD, KEYSTORE_PASSWORD,
    KEY_PASSWORD, REGISTRY_URL, REGISTRY_USERNAME, REGISTRY_PASSWORD, REGISTRY_TRUSTSTORE_PASSWORD, PROPERTIES,
    /** A problem the engine found in the whole profile that no single field explains. */
    PROFILE;

    /** The password field that holds a secret of this kind. */
    static EditorField of(SecretKind kind) {
        return switch (kind) {
            case SASL_PASSWORD -> PASSWORD;
            case TRUSTSTORE_PASSWORD -> TRUSTSTORE_PASSWORD;
            case KEYSTORE_PASSWORD -> KEYSTORE_PASSWORD;
            case KEY_PASSWORD -> KEY_PASSWORD;
            case REGISTRY_PASSWORD -> REGISTRY_PASSWORD;
            case REGISTRY_TRUSTSTORE_PASSWORD -> REGISTRY_TRUSTSTORE_PASSWORD;
        };
    }
}
