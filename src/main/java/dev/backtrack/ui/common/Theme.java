package dev.backtrack.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import javafx.application.Application;

/** Light or dark AtlantaFX Primer theme; the initial choice follows the desktop when it says so. */
public enum Theme {
    LIGHT, DARK;

    public void apply() {
        Application.setUserAgentStylesheet(this == DARK ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public Theme toggled() {
        return this == DARK ? LIGHT : DARK;
    }

    /** Dark when the GTK theme name or the colour-scheme hint says so (GTK_THEME, Qt/GNOME env hints). */
    public static Theme fromDesktop() {
        String hint = String.join(" ",
                env("GTK_THEME"), env("COLORFGBG").contains(";0") ? "dark" : "", env("BACKTRACK_THEME"),
                env("XDG_CURRENT_DESKTOP").isEmpty() ? "" : env("GNOME_COLOR_SCHEME"));
        return hint.toLowerCase(Locale.ROOT).contains("dark") ? DARK : LIGHT;
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null ? "" : v;
    }
}
