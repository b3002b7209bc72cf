package dev.backtrack.ui.history;

import dev.backtrack.history.KeyVersion;

/** How a version is named and coloured in the timeline (plain text and style class names, no JavaFX). */
final class VersionLabels {
    private VersionLabels() {
    }

    static String badge(KeyVersion v) {
        return switch (v.kind()) {
            case VALUE -> "value";
            case TOMBSTONE -> "tombstone";
            case CDC_CREATE -> "c · create";
            case CDC_UPDATE -> "u · update";
            case CDC_DELETE -> "d · delete";
            case CDC_SNAPSHOT -> "r · snapshot";
            case CDC_OTHER -> v.change() == null ? "event" : v.change().op() + " · " + v.change().operation();
        };
    }

    static String badgeStyle(KeyVersion v) {
        if (v.deleted()) {
            return "version-deleted";
        }
        return switch (v.kind()) {
            case CDC_CREATE -> "version-created";
            case CDC_SNAPSHOT -> "version-snapshot";
            default -> "version-changed";
        };
    }
}
