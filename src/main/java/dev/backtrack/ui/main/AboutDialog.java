package dev.backtrack.ui.main;

import dev.backtrack.BacktrackVersion;
import javafx.scene.control.Alert;
import javafx.stage.Window;

/** The About dialog: the version from the pom (the same as {@code backtrack --version}) and the runtime. */
final class AboutDialog {
    private AboutDialog() {
    }

    static String text() {
        return "Backtrack " + BacktrackVersion.get() + "\n"
                + "A desktop time machine for Apache Kafka.\n\n"
                + "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")\n"
                + "JavaFX " + System.getProperty("javafx.runtime.version", "?") + "\n"
                + "kafka-clients " + org.apache.kafka.common.utils.AppInfoParser.getVersion();
    }

    static void show(Window owner) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle("About Backtrack");
        alert.setHeaderText("Backtrack " + BacktrackVersion.get());
        alert.setContentText(text().substring(text().indexOf('\n') + 1));
        alert.show();
    }
}
