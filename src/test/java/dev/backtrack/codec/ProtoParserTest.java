package dev.backtrack.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The .proto text reader: the constructs registry schemas use, built into real protobuf descriptors. */
class ProtoParserTest {
    private static FileDescriptor build(String text) {
        return ProtobufSchemas.build(new RegisteredSchema(1, null, null, null, SchemaInfo.SchemaType.PROTOBUF, text, List.of()), null);
    }

    @Test
    void proto3FieldsMapsOneofsOptionalAndNesting() {
        FileDescriptor file = build("""
                syntax = "proto3";
                /* block comment */
                package acme.v1;
                option java_package = "com.acme";
                import "google/protobuf/struct.proto";
                message Outer {
                  option deprecated = true;
                  reserved 9, 10 to 12;
                  reserved "old";
                  int64 id = 1 [json_name = "ID", deprecated = true];
                  repeated sint32 deltas = 2 [packed = false];
                  map<string, Inner> by_name = 3;
                  oneof choice { string a = 4; bytes b = 5; }
                  optional double score = 6;
                  Inner.Color color = 7;
                  google.protobuf.Struct extra = 8;
                  message Inner {
                    enum Color { option allow_alias = true; RED = 0; CRIMSON = 0; BLUE = 1 [deprecated = true]; }
                    string name = 1;
                  }
                }
                service Api { rpc Get (Outer) returns (Outer) { option idempotency_level = NO_SIDE_EFFECTS; } }
                """);
        assertThat(file.getPackage()).isEqualTo("acme.v1");
        Descriptor outer = file.findMessageTypeByName("Outer");
        assertThat(outer.findFieldByName("id").getJsonName()).isEqualTo("ID");
        assertThat(outer.findFieldByName("deltas").isRepeated()).isTrue();
        assertThat(outer.findFieldByName("deltas").isPacked()).isFalse();
        FieldDescriptor map = outer.findFieldByName("by_name");
        assertThat(map.isMapField()).isTrue();
        assertThat(map.getMessageType().getName()).isEqualTo("ByNameEntry");
        assertThat(map.getMessageType().findFieldByName("value").getMessageType().getFullName()).isEqualTo("acme.v1.Outer.Inner");
        assertThat(outer.findFieldByName("a").getContainingOneof().getName()).isEqualTo("choice");
        assertThat(outer.findFieldByName("score").hasPresence()).isTrue();
        assertThat(outer.getRealOneofs()).hasSize(1);
        assertThat(outer.findFieldByName("color").getEnumType().getFullName()).isEqualTo("acme.v1.Outer.Inner.Color");
        assertThat(outer.findFieldByName("extra").getMessageType().getFullName()).isEqualTo("google.protobuf.Struct");
        // the map entry does not count for message indexes: Inner is [0, 0]
        assertThat(ProtobufSchemas.message(file, List.of(0, 0)).getName()).isEqualTo("Inner");
        assertThat(ProtobufSchemas.indexesOf(outer.findNestedTypeByName("Inner"))).containsExactly(0, 0);
    }

    @Test
    void proto2LabelsDefaultsAndExtensions() {
        FileDescriptor file = build("""
                syntax = "proto2";
                package legacy;
                message Old {
                  required string name = 1;
                  optional int32 count = 2 [default = -5];
                  optional Kind kind = 3 [default = B];
                  optional string motto = 4 [default = "carpe \\"diem\\""];
                  extensions 100 to max;
                  enum Kind { A = 1; B = 2; }
                }
                extend Old { optional int32 more = 100; }
                """);
        Descriptor old = file.findMessageTypeByName("Old");
        assertThat(old.findFieldByName("name").isRequired()).isTrue();
        assertThat(old.findFieldByName("count").getDefaultValue()).isEqualTo(-5);
        assertThat(old.findFieldByName("kind").getDefaultValue().toString()).isEqualTo("B");
        assertThat(old.findFieldByName("motto").getDefaultValue()).isEqualTo("carpe \"diem\"");
    }

    @Test
    void brokenTextAndUnknownImportsSayWhere() {
        assertThatThrownBy(() -> build("syntax = \"proto3\";\nmessage A {\n  string x = ;\n}"))
                .hasMessageContaining(".proto line 3").hasMessageContaining("expected a number");
        assertThatThrownBy(() -> build("syntax = \"proto3\"; import \"missing.proto\"; message A { }"))
                .hasMessageContaining("import \"missing.proto\" is neither a schema reference nor a well-known type");
        assertThatThrownBy(() -> build("syntax = \"proto3\"; message A { Unknown u = 1; }"))
                .hasMessageContaining("the .proto schema is invalid");
        assertThatThrownBy(() -> build("message A {")).hasMessageContaining("ends unexpectedly");
    }
}
