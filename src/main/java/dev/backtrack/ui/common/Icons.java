package dev.backtrack.ui.common;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Feather icons and icon buttons with tooltips (the shortcut goes into the tooltip text). */
public final class Icons {
    private Icons() {
    }

    public static FontIcon icon(Feather feather) {
        return icon((org.kordamp.ikonli.Ikon) feather);
    }

    public static FontIcon icon(org.kordamp.ikonli.Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.setIconSize(15);
        return icon;
    }

    public static Button button(Feather feather, String text, String tooltip) {
        Button b = new Button(text, icon(feather));
        if (tooltip != null) {
            b.setTooltip(new Tooltip(tooltip));
        }
        return b;
    }
}
