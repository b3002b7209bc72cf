package dev.backtrack.ui.connection;

import dev.backtrack.browse.Position;
import dev.backtrack.codec.Format;
import dev.backtrack.ui.common.UiSettings;
import dev.backtrack.ui.common.UiSettingsStore;
import java.time.Instant;

/** Remembers decoders and the last position per profile and topic in the UI settings (debounced save). */
public final class TopicMemory {
    private final UiSettingsStore store;

    public TopicMemory(UiSettingsStore store) {
        this.store = store;
    }

    public UiSettings.TopicState recall(String profile, String topic) {
        synchronized (store.settings()) {
            return store.settings().topic(profile, topic);
        }
    }

    public void remember(ConnectionViewModel vm) {
        String topic = vm.browse().topicProperty().get();
        if (topic == null) {
            return;
        }
        UiSettings.TopicState state = new UiSettings.TopicState(name(vm.browse().keyFormatProperty().get()),
                name(vm.browse().valueFormatProperty().get()), text(vm.browse().positionProperty().get()));
        synchronized (store.settings()) {
            store.settings().putTopic(vm.entry().name(), topic, state);
        }
        store.saveLater();
    }

    private static String name(Format f) {
        return f == null ? "AUTO" : f.name();
    }

    static Format format(String name) {
        if (name == null || name.equals("AUTO")) {
            return null;
        }
        try {
            return Format.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** Position as stored text; live is remembered as "end" (a live tail is not restarted on its own). */
    static String text(Position p) {
        return switch (p) {
            case Position.Beginning b -> "beginning";
            case Position.End e -> "end";
            case Position.Live l -> "end";
            case Position.AtOffset(long o) -> "offset:" + o;
            case Position.AtTimestamp(Instant t) -> "time:" + t;
            case Position.LastN(int n) -> "last:" + n;
        };
    }

    static Position position(String text) {
        try {
            if (text == null || text.equals("beginning")) {
                return Position.BEGINNING;
            }
            if (text.equals("end")) {
                return Position.END;
            }
            if (text.startsWith("offset:")) {
                return new Position.AtOffset(Long.parseLong(text.substring(7)));
            }
            if (text.startsWith("time:")) {
                return new Position.AtTimestamp(Instant.parse(text.substring(5)));
            }
            if (text.startsWith("last:")) {
                return new Position.LastN(Integer.parseInt(text.substring(5)));
            }
        } catch (RuntimeException corrupt) {
            // an edited or old settings file: start at the beginning
        }
        return Position.BEGINNING;
    }
}
