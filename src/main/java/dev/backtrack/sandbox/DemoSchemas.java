package dev.backtrack.sandbox;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.codec.SchemaRegistryClient;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The demo's schemas: the Avro {@code Order} (v1, and v2 with one field added with a default) and the
 * Protobuf shipment, whose payload type {@code ShipmentEnvelope.Shipment} is nested in the second
 * top-level message, so its message indexes are [1, 0]. The Protobuf descriptors are built in code to
 * match the registered .proto text exactly.
 */
public final class DemoSchemas {
    public static final String ORDER_V1 = """
            {"type":"record","name":"Order","namespace":"dev.backtrack.demo","fields":[
             {"name":"orderId","type":"long"},
             {"name":"orderUuid","type":{"type":"string","logicalType":"uuid"}},
             {"name":"customerId","type":"string"},
             {"name":"status","type":{"type":"enum","name":"OrderStatus","symbols":["CREATED","PAID","SHIPPED","DELIVERED","CANCELLED"]}},
             {"name":"createdAt","type":{"type":"long","logicalType":"timestamp-millis"}},
             {"name":"total","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}},
             {"name":"currency","type":"string"},
             {"name":"shippingAddress","type":{"type":"record","name":"Address","fields":[
               {"name":"street","type":"string"},{"name":"city","type":"string"},
               {"name":"postalCode","type":"string"},{"name":"country","type":"string"}]}},
             {"name":"lines","type":{"type":"array","items":{"type":"record","name":"OrderLine","fields":[
               {"name":"sku","type":"string"},{"name":"quantity","type":"int"},
               {"name":"unitPrice","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}}]}}},
             {"name":"attributes","type":{"type":"map","values":"string"}},
             {"name":"couponCode","type":["null","string"],"default":null}
            ]}""";

    /** v1 plus {@code salesChannel} with a default, a backward-compatible evolution. */
    public static final String ORDER_V2 = ORDER_V1.substring(0, ORDER_V1.lastIndexOf(']'))
            + ",\n {\"name\":\"salesChannel\",\"type\":\"string\",\"default\":\"WEB\"}\n]}";

    public static final String SHIPMENT_PROTO = """
            syntax = "proto3";
            package dev.backtrack.demo.shipping;

            message Carrier {
              string code = 1;
              string name = 2;
            }

            message ShipmentEnvelope {
              message Shipment {
                enum Status {
                  STATUS_UNSPECIFIED = 0;
                  LABEL_CREATED = 1;
                  IN_TRANSIT = 2;
                  DELIVERED = 3;
                }
                message Parcel {
                  string tracking_number = 1;
                  double weight_kg = 2;
                }
                int64 order_id = 1;
                string shipment_id = 2;
                Carrier carrier = 3;
                Status status = 4;
                repeated Parcel parcels = 5;
                int64 shipped_at_ms = 6;
              }
              string envelope_id = 1;
            }
            """;

    public static final String SHIPMENT_MESSAGE = "dev.backtrack.demo.shipping.ShipmentEnvelope.Shipment";
    public static final List<Integer> SHIPMENT_MESSAGE_INDEXES = List.of(1, 0);

    private static final Schema ORDER_V1_SCHEMA = new Schema.Parser().parse(ORDER_V1);
    private static final Schema ORDER_V2_SCHEMA = new Schema.Parser().parse(ORDER_V2);
    private static final Descriptors.FileDescriptor SHIPPING_FILE = buildShippingFile();

    private DemoSchemas() {
    }

    public static Schema orderV1() {
        return ORDER_V1_SCHEMA;
    }

    public static Schema orderV2() {
        return ORDER_V2_SCHEMA;
    }

    public static Descriptors.Descriptor shipment() {
        return SHIPPING_FILE.findMessageTypeByName("ShipmentEnvelope").getNestedTypes().get(0);
    }

    public static Descriptors.Descriptor carrier() {
        return SHIPPING_FILE.findMessageTypeByName("Carrier");
    }

    /**
     * Registers the three schemas in a fixed order (orders v1, orders v2, shipments). Against a fresh
     * in-memory registry this yields the same ids every time, so records written earlier stay decodable.
     */
    public static DemoManifest.Schemas register(SchemaRegistryClient registry, String topicPrefix) {
        String ordersSubject = topicPrefix + DemoTopic.ORDERS.baseName() + "-value";
        String shipmentsSubject = topicPrefix + DemoTopic.SHIPMENTS.baseName() + "-value";
        int v1 = registry.register(ordersSubject, ORDER_V1, SchemaInfo.SchemaType.AVRO, List.of());
        int v2 = registry.register(ordersSubject, ORDER_V2, SchemaInfo.SchemaType.AVRO, List.of());
        int shipments = registry.register(shipmentsSubject, SHIPMENT_PROTO, SchemaInfo.SchemaType.PROTOBUF, List.of());
        return new DemoManifest.Schemas(ordersSubject, v1, v2, shipmentsSubject, shipments, SHIPMENT_MESSAGE,
                SHIPMENT_MESSAGE_INDEXES);
    }

    private static Descriptors.FileDescriptor buildShippingFile() {
        String pkg = ".dev.backtrack.demo.shipping.";
        DescriptorProto carrier = DescriptorProto.newBuilder().setName("Carrier")
                .addField(field("code", 1, FieldDescriptorProto.Type.TYPE_STRING, null, false))
                .addField(field("name", 2, FieldDescriptorProto.Type.TYPE_STRING, null, false))
                .build();
        EnumDescriptorProto status = EnumDescriptorProto.newBuilder().setName("Status")
                .addValue(EnumValueDescriptorProto.newBuilder().setName("STATUS_UNSPECIFIED").setNumber(0))
                .addValue(EnumValueDescriptorProto.newBuilder().setName("LABEL_CREATED").setNumber(1))
                .addValue(EnumValueDescriptorProto.newBuilder().setName("IN_TRANSIT").setNumber(2))
                .addValue(EnumValueDescriptorProto.newBuilder().setName("DELIVERED").setNumber(3))
                .build();
        DescriptorProto parcel = DescriptorProto.newBuilder().setName("Parcel")
                .addField(field("tracking_number", 1, FieldDescriptorProto.Type.TYPE_STRING, null, false))
                .addField(field("weight_kg", 2, FieldDescriptorProto.Type.TYPE_DOUBLE, null, false))
                .build();
        String shipmentName = pkg + "ShipmentEnvelope.Shipment.";
        DescriptorProto shipment = DescriptorProto.newBuilder().setName("Shipment")
                .addEnumType(status)
                .addNestedType(parcel)
                .addField(field("order_id", 1, FieldDescriptorProto.Type.TYPE_INT64, null, false))
                .addField(field("shipment_id", 2, FieldDescriptorProto.Type.TYPE_STRING, null, false))
                .addField(field("carrier", 3, FieldDescriptorProto.Type.TYPE_MESSAGE, pkg + "Carrier", false))
                .addField(field("status", 4, FieldDescriptorProto.Type.TYPE_ENUM, shipmentName + "Status", false))
                .addField(field("parcels", 5, FieldDescriptorProto.Type.TYPE_MESSAGE, shipmentName + "Parcel", true))
                .addField(field("shipped_at_ms", 6, FieldDescriptorProto.Type.TYPE_INT64, null, false))
                .build();
        DescriptorProto envelope = DescriptorProto.newBuilder().setName("ShipmentEnvelope")
                .addNestedType(shipment)
                .addField(field("envelope_id", 1, FieldDescriptorProto.Type.TYPE_STRING, null, false))
                .build();
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("shipments.proto")
                .setPackage("dev.backtrack.demo.shipping").setSyntax("proto3")
                .addMessageType(carrier).addMessageType(envelope).build();
        try {
            return Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0]);
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException("the demo shipment descriptor is invalid", e);
        }
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type, String typeName,
                                              boolean repeated) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setJsonName(jsonName(name))
                .setLabel(repeated ? FieldDescriptorProto.Label.LABEL_REPEATED : FieldDescriptorProto.Label.LABEL_OPTIONAL);
        if (typeName != null) {
            field.setTypeName(typeName);
        }
        return field.build();
    }

    private static String jsonName(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
