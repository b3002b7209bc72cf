package dev.backtrack.profile;

/** How Backtrack authenticates to a schema registry; the password or token lives in the secret store. */
public enum RegistryAuth {
    NONE, BASIC, BEARER
}
