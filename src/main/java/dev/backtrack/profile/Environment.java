package dev.backtrack.profile;

/** What kind of cluster a profile points at. Prod profiles are write-protected until unlocked. */
public enum Environment {
    DEV, TEST, PROD
}
