package dev.backtrack.ui.profile;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One row of the editor's "advanced properties" table: an extra Kafka client property (never a secret). */
public final class PropertyRow {
    public final StringProperty key = new SimpleStringProperty("");
    public final StringProperty value = new SimpleStringProperty("");

    public PropertyRow(String key, String value) {
        this.key.set(key);
        this.value.set(value);
    }

    boolean isBlank() {
        return key.get().isBlank() && value.get().isBlank();
    }
}
