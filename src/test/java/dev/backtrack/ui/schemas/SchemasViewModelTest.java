package dev.backtrack.ui.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import dev.backtrack.ui.common.UiExecutor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema browser view-model against the real Apicurio registry, synchronously. */
class SchemasViewModelTest {
    static final String V1 = """
            {"type":"record","name":"Invoice","namespace":"demo.ui","fields":[{"name":"id","type":"long"}]}""";
    static final String V2 = """
            {"type":"record","name":"Invoice","namespace":"demo.ui","fields":[{"name":"id","type":"long"},
             {"name":"memo","type":["null","string"],"default":null}]}""";
    static final String INCOMPATIBLE = """
            {"type":"record","name":"Invoice","namespace":"demo.ui","fields":[{"name":"id","type":"string"}]}""";

    private static SchemaRegistryClient client() {
        return new SchemaRegistryClient(RegistrySettings.of(TestServers.registryUrl()));
    }

    @Test
    void listsOpensVersionsAndChecksAnEditedSchemaWithTheRegistrysMessages() {
        SchemaRegistryClient client = client();
        String topic = TestTopics.unique("invoices");
        String subject = topic + "-value";
        int id1 = client.register(subject, V1, SchemaInfo.SchemaType.AVRO, List.of());
        client.register(subject, V2, SchemaInfo.SchemaType.AVRO, List.of());
        client.setCompatibility(subject, "BACKWARD");

        SchemasViewModel vm = new SchemasViewModel(client, () -> List.of(topic, "unrelated"), UiExecutor.direct());
        assertThat(vm.available()).isTrue();
        vm.loadSubjects();
        assertThat(vm.subjects()).contains(subject);
        vm.filterProperty().set(topic.toUpperCase(java.util.Locale.ROOT));
        assertThat(vm.visibleSubjects()).containsExactly(subject);

        vm.open(subject, null);
        assertThat(vm.errorProperty().get()).isNull();
        var shown = vm.shownProperty().get();
        assertThat(shown.version()).isEqualTo(2);
        assertThat(shown.versions()).containsExactly(1, 2);
        assertThat(shown.type()).isEqualTo(SchemaInfo.SchemaType.AVRO);
        assertThat(shown.compatibility()).isEqualTo("BACKWARD");
        assertThat(shown.prettySchema()).contains("\n").contains("\"memo\"");
        assertThat(vm.usedBy()).extracting(SchemasViewModel::describe).containsExactly(topic + " (topic name strategy, value)");
        assertThat(vm.candidateProperty().get()).isEqualTo(shown.prettySchema());

        vm.compareWith(1);
        assertThat(vm.diff()).filteredOn(l -> l.kind() == LineDiff.Kind.ADDED).extracting(LineDiff.Line::text)
                .anyMatch(t -> t.contains("\"memo\""));
        assertThat(vm.diff()).filteredOn(l -> l.kind() != LineDiff.Kind.SAME).noneMatch(l -> l.text().contains("\"long\""));
        assertThat(vm.diffSummaryProperty().get()).startsWith("Version 1 → version 2: +");

        vm.open(subject, 1);
        assertThat(vm.diffSummaryProperty().get()).isEqualTo("Version 1 → version 1: identical");
        assertThat(vm.shownProperty().get().id()).isEqualTo(id1);
        assertThat(vm.shownProperty().get().prettySchema()).doesNotContain("memo");

        vm.candidateProperty().set(INCOMPATIBLE);
        vm.check(false);
        assertThat(vm.errorProperty().get()).isNull();
        SchemasViewModel.Check bad = vm.checkProperty().get();
        assertThat(bad.result().compatible()).isFalse();
        // the registry's own messages, as they are (Apicurio sends none with its verdict; Confluent does)
        assertThat(bad.result().messages()).isEqualTo(
                client.checkCompatibility(subject, "latest", INCOMPATIBLE, SchemaInfo.SchemaType.AVRO, List.of()).messages());
        assertThat(bad.againstAll()).isFalse();
        assertThat(bad.latestVersion()).isEqualTo(2);
        vm.check(true);
        assertThat(vm.checkProperty().get().result().compatible()).isFalse();
        assertThat(vm.checkProperty().get().againstAll()).isTrue();

        vm.candidateProperty().set(V2.replace("\"memo\"", "\"note\""));
        vm.check(false);
        assertThat(vm.checkProperty().get().result().compatible()).isTrue();
        vm.resetCandidate();
        assertThat(vm.candidateProperty().get()).isEqualTo(vm.shownProperty().get().prettySchema());
        assertThat(vm.checkProperty().get()).isNull();
    }

    @Test
    void opensARecordsSchemaByIdPreferringTheTopicsSubject() {
        SchemaRegistryClient client = client();
        String topic = TestTopics.unique("receipts");
        String subject = topic + "-value";
        client.register(subject, V1, SchemaInfo.SchemaType.AVRO, List.of());
        int id2 = client.register(subject, V2, SchemaInfo.SchemaType.AVRO, List.of());
        SchemasViewModel vm = new SchemasViewModel(client, () -> List.of(topic), UiExecutor.direct());

        vm.openSchemaOf(new SchemaInfo(id2, null, SchemaInfo.SchemaType.AVRO, SchemaInfo.IdLocation.PREFIX_V0, null, null, null, null),
                topic, false);
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.shownProperty().get().subject()).isEqualTo(subject);
        assertThat(vm.shownProperty().get().version()).isEqualTo(2);

        vm.openSchemaOf(new SchemaInfo(987_654, null, SchemaInfo.SchemaType.AVRO, SchemaInfo.IdLocation.PREFIX_V0, null, null, null, null),
                topic, false);
        assertThat(vm.errorProperty().get()).isNotBlank();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void lineDiffShowsRemovedBeforeAddedWithBothLineNumbers() {
        assertThat(LineDiff.diff("a\nb\nc", "a\nx\nc\nd")).containsExactly(
                new LineDiff.Line(LineDiff.Kind.SAME, 1, 1, "a"), new LineDiff.Line(LineDiff.Kind.REMOVED, 2, null, "b"),
                new LineDiff.Line(LineDiff.Kind.ADDED, null, 2, "x"), new LineDiff.Line(LineDiff.Kind.SAME, 3, 3, "c"),
                new LineDiff.Line(LineDiff.Kind.ADDED, null, 4, "d"));
        assertThat(LineDiff.diff("x\n".repeat(LineDiff.MAX_LINES + 1), "x")).isNull();
    }

    @Test
    void withoutARegistryNothingIsCalled() {
        SchemasViewModel vm = new SchemasViewModel(null, () -> {
            throw new AssertionError("no topic listing without a registry");
        }, UiExecutor.direct());
        assertThat(vm.available()).isFalse();
        vm.loadSubjects();
        vm.open("x", null);
        assertThat(vm.subjects()).isEmpty();
        assertThat(vm.shownProperty().get()).isNull();
        vm.check(false);
        assertThat(vm.errorProperty().get()).isEqualTo("select a subject first");
    }
}
