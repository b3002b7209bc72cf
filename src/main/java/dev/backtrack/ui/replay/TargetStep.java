package dev.backtrack.ui.replay;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.TopicCatalog;
import dev.backtrack.kafka.TopicInfo;
import dev.backtrack.replay.ReplayTarget;
import dev.backtrack.ui.common.UiExecutor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 2 of the replay wizard: the target connection (this one, or another saved profile) and topic (an
 * existing one from the list, or a new one created with N partitions). The topic list of the chosen
 * connection is loaded in the background.
 */
public final class TargetStep {
    /** A target connection: this connection ({@code profile} null) or a saved profile. */
    public record Choice(String label, String profile) {
        @Override
        public String toString() {
            return label;
        }

        public boolean thisConnection() {
            return profile == null;
        }
    }

    private final ReplayEnvironment env;
    private final UiExecutor ui;
    private final ObservableList<Choice> connections = FXCollections.observableArrayList();
    private final ObjectProperty<Choice> connection = new SimpleObjectProperty<>();
    private final ObservableList<String> topics = FXCollections.observableArrayList();
    private final StringProperty topic = new SimpleStringProperty("");
    private final BooleanProperty create = new SimpleBooleanProperty(true);
    private final IntegerProperty createPartitions = new SimpleIntegerProperty();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final Map<String, Integer> partitionsByTopic = new LinkedHashMap<>();
    private ConnectionSettings settings;
    private KafkaClients clients;
    private String loadError;
    private long generation;

    TargetStep(ReplayEnvironment env, UiExecutor ui, String sourceTopic, int sourcePartitions) {
        this.env = env;
        this.ui = ui;
        this.settings = env.settings();
        this.clients = env.clients();
        createPartitions.set(sourcePartitions);
        topic.set(sourceTopic + "-replay");
        Choice self = new Choice("This connection (" + env.connectionName() + ")", null);
        connections.add(self);
        connection.set(self);
        topic.addListener(x -> revalidate());
        create.addListener(x -> revalidate());
        createPartitions.addListener(x -> revalidate());
        connection.addListener((o, a, b) -> load());
        revalidate();
    }

    /** Loads the saved profiles (other than this connection's) and the topics of the chosen connection. */
    void load() {
        Choice chosen = connection.get();
        long mine = ++generation;
        loading.set(true);
        loadError = null;
        revalidate();
        ui.supply(() -> {
            List<String> names = env.profiles().names().stream().filter(n -> !n.equals(env.profile())).toList();
            ConnectionSettings s = chosen.thisConnection() ? env.settings() : env.profiles().resolve(chosen.profile());
            KafkaClients c = chosen.thisConnection() ? env.clients() : new KafkaClients(s, env.clients().guard());
            List<TopicInfo> list = new TopicCatalog(c).topics(false);
            return new Loaded(names, s, c, list);
        }, loaded -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            settings = loaded.settings;
            clients = loaded.clients;
            for (String n : loaded.profiles) {
                if (connections.stream().noneMatch(c -> n.equals(c.profile()))) {
                    connections.add(new Choice("Profile " + n, n));
                }
            }
            partitionsByTopic.clear();
            loaded.topics.forEach(t -> partitionsByTopic.put(t.name(), t.partitions()));
            String keep = topic.get();
            topics.setAll(partitionsByTopic.keySet());
            topic.set(keep);
            revalidate();
        }, failure -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            loadError = "cannot list the topics of " + chosen.label() + ": " + failure.getMessage();
            revalidate();
        });
    }

    private record Loaded(List<String> profiles, ConnectionSettings settings, KafkaClients clients, List<TopicInfo> topics) {
    }

    public ObservableList<Choice> connections() {
        return connections;
    }

    public ObjectProperty<Choice> connectionProperty() {
        return connection;
    }

    public ObservableList<String> topics() {
        return topics;
    }

    public StringProperty topicProperty() {
        return topic;
    }

    public BooleanProperty createProperty() {
        return create;
    }

    public IntegerProperty createPartitionsProperty() {
        return createPartitions;
    }

    /** "exists, 3 partitions" or "new topic". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String error() {
        return error.get();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** True when the chosen topic is not in the target's topic list (it will be created when allowed). */
    public boolean isNew() {
        return !partitionsByTopic.containsKey(topic.get().trim());
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public KafkaClients clients() {
        return clients;
    }

    public boolean sameConnection() {
        return connection.get().thisConnection();
    }

    public String profile() {
        return sameConnection() ? env.profile() : connection.get().profile();
    }

    ReplayTarget build() {
        String name = topic.get().trim();
        ReplayTarget.Creation creation = isNew() && create.get()
                ? new ReplayTarget.Creation(createPartitions.get(), null, Map.of()) : null;
        return new ReplayTarget(settings, name, creation);
    }

    private void revalidate() {
        String name = topic.get() == null ? "" : topic.get().trim();
        Integer existing = partitionsByTopic.get(name);
        status.set(loading.get() ? "loading the topics…" : name.isEmpty() ? "" : existing != null
                ? "exists, " + existing + (existing == 1 ? " partition" : " partitions") : "new topic");
        if (loadError != null) {
            error.set(loadError);
        } else if (loading.get()) {
            error.set("loading the target's topics");
        } else if (name.isEmpty()) {
            error.set("name the target topic");
        } else if (!name.matches("[A-Za-z0-9._-]{1,249}")) {
            error.set("a topic name uses only letters, digits, '.', '_' and '-'");
        } else if (existing == null && !create.get()) {
            error.set("topic '" + name + "' does not exist on the target: tick 'create it' or choose an existing topic");
        } else if (existing == null && createPartitions.get() < 1) {
            error.set("the new topic needs at least one partition");
        } else {
            error.set(null);
        }
    }
}
