package dev.backtrack.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.sandbox.DemoData;
import dev.backtrack.sandbox.DemoManifest;
import dev.backtrack.sandbox.DemoSizes;
import dev.backtrack.sandbox.DemoTopic;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Journeys and row histories on the sandbox's demo data (small sizes, real cluster and registry). */
class DemoJourneyTest {
    private static DemoManifest manifest;
    private static KafkaClients clients;
    private static List<String> flowTopics;

    @BeforeAll
    static void demo() {
        String bootstrap = TestServers.bootstrap();
        String prefix = TestTopics.unique("journey-demo") + ".";
        manifest = DemoData.create(bootstrap, TestServers.registryUrl(), DemoSizes.SMALL, prefix, m -> { });
        clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap).withRegistry(RegistrySettings.of(TestServers.registryUrl())));
        flowTopics = List.of(manifest.topic(DemoTopic.ORDERS), manifest.topic(DemoTopic.PAYMENTS), manifest.topic(DemoTopic.SHIPMENTS),
                manifest.topic(DemoTopic.ORDERS_DLT));
    }

    @Test
    void everyFlowIsFoundByItsTraceIdAcrossTheTopicsAndTheDeadLetter() {
        JourneyFinder finder = new JourneyFinder(clients);
        assertThat(manifest.flows()).isNotEmpty();
        assertThat(manifest.flows()).anyMatch(DemoManifest.FlowFact::deadLettered);
        for (DemoManifest.FlowFact flow : manifest.flows()) {
            Journey j = finder.find(flowTopics, new Correlation.TraceId(flow.traceId()), TimeWindow.ALL, ScanProgress.NONE, Cancellation.none());
            List<String> expected = flow.steps().stream().sorted(Comparator.comparingLong(DemoManifest.FlowStep::timestamp))
                    .map(s -> manifest.topic(s.topic()) + "/" + s.partition() + "@" + s.offset()).toList();
            assertThat(j.steps()).as("order " + flow.orderId()).extracting(s -> s.record().raw().coordinates()).containsExactlyElementsOf(expected);
            assertThat(j.steps()).isSortedAccordingTo(Comparator.comparing(JourneyStep::time));
            assertThat(j.steps()).allSatisfy(s -> assertThat(s.trace().traceId()).isEqualTo(flow.traceId()));
            if (flow.deadLettered()) {
                assertThat(j.deadLetters()).hasSize(1);
                JourneyStep letter = j.deadLetters().get(0);
                assertThat(letter.topic()).isEqualTo(manifest.topic(DemoTopic.ORDERS_DLT));
                assertThat(letter.deadLetter().exceptionClass()).isNotBlank();
                assertThat(letter.deadLetter().originalTopic()).hasValue(manifest.topic(DemoTopic.ORDERS));
            } else {
                assertThat(j.deadLetters()).isEmpty();
                assertThat(j.steps()).extracting(JourneyStep::topic).contains(manifest.topic(DemoTopic.SHIPMENTS));
            }
        }
    }

    @Test
    void theCdcTopicsRowHistoriesShowEachEventsBeforeAndAfter() {
        String topic = manifest.topic(DemoTopic.CDC_CUSTOMERS);
        KeyHistoryFinder finder = new KeyHistoryFinder(clients);
        KeyHistory sally = finder.find(topic, KeySpec.parse("{\"id\":1001}"), TimeWindow.ALL, false, ScanProgress.NONE, Cancellation.none());
        assertThat(sally.versions()).extracting(KeyVersion::kind)
                .containsExactly(KeyVersion.Kind.CDC_SNAPSHOT, KeyVersion.Kind.CDC_UPDATE, KeyVersion.Kind.CDC_UPDATE);
        assertThat(sally.versions().get(1).diff()).extracting(FieldChange::describe)
                .containsExactly("~ email: \"sally.thomas@acme.com\" → \"sally.t@acme.com\"");
        assertThat(sally.versions().get(2).diff()).extracting(FieldChange::describe).containsExactly("~ first_name: \"Sally\" → \"Sal\"");
        assertThat(sally.stateAsOf(Instant.now()).state().get("first_name").asText()).isEqualTo("Sal");

        int deleted = manifest.cdc().deletedRowId();
        KeyHistory anne = finder.find(topic, KeySpec.parse("{\"id\":" + deleted + "}"), TimeWindow.ALL, false, ScanProgress.NONE, Cancellation.none());
        assertThat(anne.versions()).extracting(KeyVersion::kind)
                .containsExactly(KeyVersion.Kind.CDC_SNAPSHOT, KeyVersion.Kind.CDC_DELETE, KeyVersion.Kind.TOMBSTONE);
        assertThat(anne.versions().get(1).diff()).extracting(FieldChange::kind).containsExactly(FieldChange.Kind.REMOVED);
        assertThat(anne.stateAsOf(Instant.now()).exists()).isFalse();
        AsOf beforeDelete = anne.stateAsOf(anne.versions().get(1).time().minusMillis(1));
        assertThat(beforeDelete.state().get("email").asText()).isEqualTo("annek@noanswer.org");

        KeyHistory jamal = finder.find(topic, KeySpec.parse("{\"id\":1005}"), TimeWindow.ALL, false, ScanProgress.NONE, Cancellation.none());
        assertThat(jamal.versions()).extracting(KeyVersion::kind).containsExactly(KeyVersion.Kind.CDC_CREATE, KeyVersion.Kind.CDC_UPDATE);
        assertThat(jamal.stateAsOf(jamal.versions().get(0).time().minusMillis(1)).explanation()).contains("did not exist yet");
    }
}
