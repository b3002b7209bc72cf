package dev.backtrack.ui.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the app remembers between runs (no secrets, no records): theme, window layout, and per profile and
 * topic the chosen decoders and the last position. A plain DTO; {@link UiSettingsStore} saves it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class UiSettings {
    public String theme;
    public double windowX = Double.NaN;
    public double windowY = Double.NaN;
    public double windowWidth = 1400;
    public double windowHeight = 860;
    public boolean maximized;
    public double sidebarDivider = 0.13;
    public double detailDivider = 0.56;
    public boolean utcTimestamps;
    public Map<String, Map<String, TopicState>> topics = new TreeMap<>();

    /** Per-topic memory: decoders ("AUTO" or a Format name) and the last seek as text ("beginning", "offset:42", "time:ISO", "last:100"). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TopicState(String keyFormat, String valueFormat, String lastPosition) {
        public static final TopicState DEFAULT = new TopicState("AUTO", "AUTO", "beginning");
    }

    public TopicState topic(String profile, String topic) {
        return topics.getOrDefault(profile, Map.of()).getOrDefault(topic, TopicState.DEFAULT);
    }

    public void putTopic(String profile, String topic, TopicState state) {
        topics.computeIfAbsent(profile, p -> new TreeMap<>()).put(topic, state);
    }
}
