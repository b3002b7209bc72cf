package dev.backtrack.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** From a schema id to the subject versions that use it, against the real Apicurio registry. */
class SchemaIdVersionsTest {
    @Test
    void findsEverySubjectVersionOfAnId() {
        SchemaRegistryClient client = CodecTestSupport.client();
        String first = CodecTestSupport.subject("ids-a-value");
        String second = CodecTestSupport.subject("ids-b-value");
        int v1 = client.register(first, SchemaRegistryClientTest.V1, SchemaInfo.SchemaType.AVRO, List.of());
        int v2 = client.register(first, SchemaRegistryClientTest.V2_COMPATIBLE, SchemaInfo.SchemaType.AVRO, List.of());

        // other tests may have registered the same schema text under their subjects (same id): contains, not exactly
        assertThat(client.subjectVersionsOf(v2)).contains(new SchemaRegistryClient.SubjectVersionRef(first, 2));
        assertThat(client.subjectVersionsOf(v1)).contains(new SchemaRegistryClient.SubjectVersionRef(first, 1));

        // the same schema under a second subject keeps its id there and is listed under both
        int again = client.register(second, SchemaRegistryClientTest.V1, SchemaInfo.SchemaType.AVRO, List.of());
        if (again == v1) {
            assertThat(client.subjectVersionsOf(v1)).contains(new SchemaRegistryClient.SubjectVersionRef(first, 1),
                    new SchemaRegistryClient.SubjectVersionRef(second, 1));
        } else {
            assertThat(client.subjectVersionsOf(again)).contains(new SchemaRegistryClient.SubjectVersionRef(second, 1));
        }
    }

    @Test
    void unknownIdIsTheRegistrysNotFound() {
        assertThatThrownBy(() -> CodecTestSupport.client().subjectVersionsOf(987_654))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.notFound()).isTrue());
    }
}
