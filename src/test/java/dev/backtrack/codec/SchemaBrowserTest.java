package dev.backtrack.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.cli.Main;
import dev.backtrack.testing.TestServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry browser API and the {@code backtrack schemas} CLI against the real registry. */
class SchemaBrowserTest {
    @Test
    void showsPrettySchemaReferencesAndEffectiveCompatibility() {
        SchemaRegistryClient client = CodecTestSupport.client();
        String common = CodecTestSupport.subject("browse-common.proto");
        client.register(common, RegistryDecodeTest.PROTO_COMMON, SchemaInfo.SchemaType.PROTOBUF, List.of());
        String topic = TestServers.freePort() + "-shop";
        String subject = topic + "-value";
        client.register(subject, RegistryDecodeTest.PROTO_SHOP, SchemaInfo.SchemaType.PROTOBUF, List.of(new SchemaReference("common.proto", common, 1)));
        SchemaBrowser browser = new SchemaBrowser(client);

        SchemaBrowser.SubjectVersion shown = browser.show(subject, null);
        assertThat(shown.type()).isEqualTo(SchemaInfo.SchemaType.PROTOBUF);
        assertThat(shown.version()).isEqualTo(1);
        assertThat(shown.references()).containsExactly(new SchemaReference("common.proto", common, 1));
        assertThat(shown.recordNames()).containsExactly("demo.shop.Ping", "demo.shop.Cart");
        // Apicurio answers GET /config/{subject} with the global level when the subject has none, so
        // "inherited" cannot be told apart there; the effective level is what matters
        assertThat(shown.compatibility()).isEqualTo(client.getGlobalCompatibility());
        assertThat(browser.subjects()).contains(subject, common);

        assertThat(browser.topicsUsing(subject, List.of("other", topic))).containsExactly(
                new SubjectNaming.TopicUse(topic, SubjectNaming.Strategy.TOPIC, false));

        String avroSubject = CodecTestSupport.subject("browse-avro");
        client.register(avroSubject, SchemaRegistryClientTest.V1, SchemaInfo.SchemaType.AVRO, List.of());
        client.setCompatibility(avroSubject, "FULL");
        SchemaBrowser.SubjectVersion avro = browser.show(avroSubject, "1");
        assertThat(avro.prettySchema()).contains("\n").contains("\"name\" : \"Payment\"");
        assertThat(avro.compatibility()).isEqualTo("FULL");
        assertThat(avro.compatibilityInherited()).isFalse();
    }

    @Test
    void namingStrategiesMapSubjectsToTopics() {
        assertThat(SubjectNaming.subject(SubjectNaming.Strategy.TOPIC, "orders", true, null)).isEqualTo("orders-key");
        assertThat(SubjectNaming.subject(SubjectNaming.Strategy.RECORD, "orders", false, "demo.Order")).isEqualTo("demo.Order");
        assertThat(SubjectNaming.subject(SubjectNaming.Strategy.TOPIC_RECORD, "orders", false, "demo.Order")).isEqualTo("orders-demo.Order");
        assertThat(SubjectNaming.topicsUsing("orders-demo.Order", List.of("orders", "orders-demo", "x"), Set.of("demo.Order")))
                .containsExactly(new SubjectNaming.TopicUse("orders", SubjectNaming.Strategy.TOPIC_RECORD, null));
        assertThat(SubjectNaming.topicsUsing("demo.Order", List.of("orders"), Set.of("demo.Order")))
                .containsExactly(new SubjectNaming.TopicUse(null, SubjectNaming.Strategy.RECORD, null));
    }

    @Test
    void cliListsShowsAndChecksLikeTheRegistry(@TempDir Path dir) throws Exception {
        SchemaRegistryClient client = CodecTestSupport.client();
        String subject = CodecTestSupport.subject("cli-value");
        client.register(subject, SchemaRegistryClientTest.V1, SchemaInfo.SchemaType.AVRO, List.of());
        client.setCompatibility(subject, "BACKWARD");
        String url = TestServers.registryUrl();

        Result list = run("schemas", "list", "--registry", url);
        assertThat(list.code).isZero();
        assertThat(list.out).contains(subject + "  versions [1]");

        Result show = run("schemas", "show", subject, "--registry", url, "--format", "json");
        assertThat(show.code).isZero();
        assertThat(show.out).contains("\"compatibility\" : \"BACKWARD\"").contains("\"type\" : \"AVRO\"");

        Path good = Files.writeString(dir.resolve("good.avsc"), SchemaRegistryClientTest.V2_COMPATIBLE);
        Path bad = Files.writeString(dir.resolve("bad.avsc"), SchemaRegistryClientTest.V2_INCOMPATIBLE);
        Result ok = run("schemas", "check", subject, good.toString(), "--registry", url);
        assertThat(ok.code).isZero();
        assertThat(ok.out).startsWith("compatible with " + subject + " (latest version)");
        assertThat(ok.out.strip()).isEqualTo("compatible with " + subject + " (latest version)");
        Result notOk = run("schemas", "check", subject, bad.toString(), "--registry", url, "--all");
        assertThat(notOk.code).isEqualTo(1);
        assertThat(notOk.out).startsWith("NOT compatible with " + subject + " (all versions)");

        Result missing = run("schemas", "show", "no-such-" + subject, "--registry", url);
        assertThat(missing.code).isEqualTo(1);
        assertThat(missing.err).startsWith("backtrack: schema registry at " + url + " answered 404");
        Result noRegistry = run("schemas", "check", subject, dir.resolve("absent.avsc").toString(), "--registry", url);
        assertThat(noRegistry.err.strip()).isEqualTo("backtrack: schema file " + dir.resolve("absent.avsc") + " does not exist");
    }

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
