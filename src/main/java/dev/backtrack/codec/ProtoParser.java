package dev.backtrack.codec;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compact parser for the {@code .proto} text a schema registry stores: syntax/edition, package, imports,
 * nested messages and enums, fields (repeated, map, oneof, proto3 optional, proto2 labels, packed,
 * json_name, default), reserved ranges. Services, extensions and options without meaning for decoding are
 * read and skipped. Type names are left relative; {@code FileDescriptor.buildFrom} resolves them.
 */
final class ProtoParser {
    private static final Map<String, FieldDescriptorProto.Type> SCALARS = Map.ofEntries(
            Map.entry("double", FieldDescriptorProto.Type.TYPE_DOUBLE), Map.entry("float", FieldDescriptorProto.Type.TYPE_FLOAT),
            Map.entry("int32", FieldDescriptorProto.Type.TYPE_INT32), Map.entry("int64", FieldDescriptorProto.Type.TYPE_INT64),
            Map.entry("uint32", FieldDescriptorProto.Type.TYPE_UINT32), Map.entry("uint64", FieldDescriptorProto.Type.TYPE_UINT64),
            Map.entry("sint32", FieldDescriptorProto.Type.TYPE_SINT32), Map.entry("sint64", FieldDescriptorProto.Type.TYPE_SINT64),
            Map.entry("fixed32", FieldDescriptorProto.Type.TYPE_FIXED32), Map.entry("fixed64", FieldDescriptorProto.Type.TYPE_FIXED64),
            Map.entry("sfixed32", FieldDescriptorProto.Type.TYPE_SFIXED32), Map.entry("sfixed64", FieldDescriptorProto.Type.TYPE_SFIXED64),
            Map.entry("bool", FieldDescriptorProto.Type.TYPE_BOOL), Map.entry("string", FieldDescriptorProto.Type.TYPE_STRING),
            Map.entry("bytes", FieldDescriptorProto.Type.TYPE_BYTES));

    private final List<String> tokens;
    private final List<Integer> lines;
    private int pos;
    private boolean proto3;

    private ProtoParser(String text) {
        this.tokens = new ArrayList<>();
        this.lines = new ArrayList<>();
        ProtoTokenizer.tokenize(text, tokens, lines);
    }

    /** Parses {@code text} into a file descriptor proto named {@code fileName} (the import path others use). */
    static FileDescriptorProto parse(String fileName, String text) {
        return new ProtoParser(text).file(fileName);
    }

    private FileDescriptorProto file(String fileName) {
        FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder().setName(fileName);
        while (pos < tokens.size()) {
            String t = next();
            switch (t) {
                case "syntax" -> {
                    expect("=");
                    String syntax = string();
                    expect(";");
                    proto3 = "proto3".equals(syntax);
                    if (proto3) {
                        file.setSyntax("proto3");
                    }
                }
                case "edition" -> throw error("protobuf editions are not handled by Backtrack's .proto reader");
                case "package" -> {
                    file.setPackage(next());
                    expect(";");
                }
                case "import" -> {
                    boolean isPublic = false;
                    if (peek("public") || peek("weak")) {
                        isPublic = "public".equals(next());
                    }
                    String path = string();
                    expect(";");
                    if (isPublic) {
                        file.addPublicDependency(file.getDependencyCount());
                    }
                    file.addDependency(path);
                }
                case "option" -> skipStatement();
                case "message" -> file.addMessageType(message());
                case "enum" -> file.addEnumType(enumType());
                case "service", "extend" -> skipBlock();
                case ";" -> { }
                default -> throw error("unexpected '" + t + "'");
            }
        }
        return file.build();
    }

    private DescriptorProto message() {
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(next());
        expect("{");
        List<FieldDescriptorProto.Builder> syntheticOneofFields = new ArrayList<>();
        while (!peek("}")) {
            String t = next();
            switch (t) {
                case "message" -> message.addNestedType(message());
                case "enum" -> message.addEnumType(enumType());
                case "option", "reserved", "extensions" -> skipStatement();
                case "extend" -> skipBlock();
                case "oneof" -> {
                    int index = message.getOneofDeclCount();
                    message.addOneofDecl(OneofDescriptorProto.newBuilder().setName(next()));
                    expect("{");
                    while (!peek("}")) {
                        if (peek("option")) {
                            next();
                            skipStatement();
                        } else if (peek(";")) {
                            next();
                        } else {
                            message.addField(field(message, next(), null).setOneofIndex(index));
                        }
                    }
                    expect("}");
                }
                case ";" -> { }
                default -> {
                    FieldDescriptorProto.Builder field;
                    if (t.equals("repeated") || t.equals("optional") || t.equals("required")) {
                        field = field(message, next(), t);
                    } else {
                        field = field(message, t, null);
                    }
                    if (proto3 && "optional".equals(t)) {
                        syntheticOneofFields.add(field);
                    }
                    message.addField(field);
                }
            }
        }
        expect("}");
        // proto3 optional: each such field gets a synthetic oneof, declared after all real oneofs
        for (FieldDescriptorProto.Builder field : syntheticOneofFields) {
            int index = message.getOneofDeclCount();
            message.addOneofDecl(OneofDescriptorProto.newBuilder().setName(syntheticOneofName(message, field.getName())));
            for (FieldDescriptorProto.Builder f : message.getFieldBuilderList()) {
                if (f.getName().equals(field.getName())) {
                    f.setProto3Optional(true).setOneofIndex(index);
                }
            }
        }
        return message.build();
    }

    private static String syntheticOneofName(DescriptorProto.Builder message, String fieldName) {
        String name = "_" + fieldName;
        while (true) {
            String candidate = name;
            if (message.getOneofDeclList().stream().noneMatch(o -> o.getName().equals(candidate))) {
                return name;
            }
            name = "X" + name;
        }
    }

    private FieldDescriptorProto.Builder field(DescriptorProto.Builder message, String type, String label) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder();
        if ("map".equals(type)) {
            expect("<");
            String keyType = next();
            expect(",");
            String valueType = next();
            expect(">");
            String name = next();
            String entryName = camel(name) + "Entry";
            message.addNestedType(DescriptorProto.newBuilder().setName(entryName)
                    .addField(typed(FieldDescriptorProto.newBuilder().setName("key").setNumber(1).setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL), keyType))
                    .addField(typed(FieldDescriptorProto.newBuilder().setName("value").setNumber(2).setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL), valueType))
                    .setOptions(MessageOptions.newBuilder().setMapEntry(true)));
            field.setName(name).setLabel(FieldDescriptorProto.Label.LABEL_REPEATED).setTypeName(entryName)
                    .setType(FieldDescriptorProto.Type.TYPE_MESSAGE);
        } else {
            if ("group".equals(type)) {
                throw error("proto2 groups are not handled by Backtrack's .proto reader");
            }
            typed(field, type).setName(next());
            field.setLabel(switch (label == null ? "" : label) {
                case "repeated" -> FieldDescriptorProto.Label.LABEL_REPEATED;
                case "required" -> FieldDescriptorProto.Label.LABEL_REQUIRED;
                default -> FieldDescriptorProto.Label.LABEL_OPTIONAL;
            });
        }
        expect("=");
        field.setNumber(integer());
        if (peek("[")) {
            fieldOptions(field);
        }
        expect(";");
        return field;
    }

    private static FieldDescriptorProto.Builder typed(FieldDescriptorProto.Builder field, String type) {
        FieldDescriptorProto.Type scalar = SCALARS.get(type);
        return scalar != null ? field.setType(scalar) : field.setTypeName(type);
    }

    private void fieldOptions(FieldDescriptorProto.Builder field) {
        expect("[");
        FieldOptions.Builder options = FieldOptions.newBuilder();
        boolean any = false;
        do {
            String name = next();
            if ("(".equals(name)) {
                while (!")".equals(next())) {
                    // custom option name
                }
                while (peek(".") || (!peek("=") && pos < tokens.size())) {
                    next();
                }
                name = "";
            }
            expect("=");
            String value = optionValue();
            switch (name) {
                case "packed" -> {
                    options.setPacked(Boolean.parseBoolean(value));
                    any = true;
                }
                case "deprecated" -> {
                    options.setDeprecated(Boolean.parseBoolean(value));
                    any = true;
                }
                case "json_name" -> field.setJsonName(ProtoTokenizer.unquote(value));
                case "default" -> field.setDefaultValue(ProtoTokenizer.unquote(value));
                default -> { }
            }
        } while (consume(","));
        expect("]");
        if (any) {
            field.setOptions(options);
        }
    }

    private String optionValue() {
        if (peek("{")) {
            skipBraces();
            return "";
        }
        String value = next();
        if ("-".equals(value)) {
            value = "-" + next();
        }
        while (value.startsWith("\"") && pos < tokens.size() && tokens.get(pos).startsWith("\"")) {
            value = "\"" + ProtoTokenizer.unquote(value) + ProtoTokenizer.unquote(next()) + "\"";
        }
        return value;
    }

    private EnumDescriptorProto enumType() {
        EnumDescriptorProto.Builder e = EnumDescriptorProto.newBuilder().setName(next());
        expect("{");
        while (!peek("}")) {
            String t = next();
            switch (t) {
                case "option", "reserved" -> skipStatement();
                case ";" -> { }
                default -> {
                    expect("=");
                    e.addValue(EnumValueDescriptorProto.newBuilder().setName(t).setNumber(integer()));
                    if (peek("[")) {
                        skipBrackets();
                    }
                    expect(";");
                }
            }
        }
        expect("}");
        return e.build();
    }

    private int integer() {
        String t = next();
        boolean negative = false;
        if ("-".equals(t)) {
            negative = true;
            t = next();
        }
        try {
            long value = t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16)
                    : t.length() > 1 && t.startsWith("0") ? Long.parseLong(t.substring(1), 8) : Long.parseLong(t);
            return (int) (negative ? -value : value);
        } catch (NumberFormatException ex) {
            throw error("expected a number but found '" + t + "'");
        }
    }

    private String string() {
        String t = next();
        if (!t.startsWith("\"")) {
            throw error("expected a quoted string but found '" + t + "'");
        }
        StringBuilder s = new StringBuilder(ProtoTokenizer.unquote(t));
        while (pos < tokens.size() && tokens.get(pos).startsWith("\"")) {
            s.append(ProtoTokenizer.unquote(next()));
        }
        return s.toString();
    }

    private void skipStatement() {
        while (pos < tokens.size()) {
            String t = next();
            if (";".equals(t)) {
                return;
            }
            if ("{".equals(t)) {
                pos--;
                skipBraces();
            }
        }
    }

    private void skipBlock() {
        while (!peek("{")) {
            next();
        }
        skipBraces();
    }

    private void skipBraces() {
        skipNested("{", "}");
    }

    private void skipBrackets() {
        skipNested("[", "]");
    }

    private void skipNested(String open, String close) {
        expect(open);
        int depth = 1;
        while (depth > 0) {
            String t = next();
            if (open.equals(t)) {
                depth++;
            } else if (close.equals(t)) {
                depth--;
            }
        }
    }

    private static String camel(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else if (upper) {
                out.append(Character.toUpperCase(c));
                upper = false;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private boolean peek(String token) {
        return pos < tokens.size() && tokens.get(pos).equals(token);
    }

    private boolean consume(String token) {
        if (peek(token)) {
            pos++;
            return true;
        }
        return false;
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("the .proto text ends unexpectedly");
        }
        return tokens.get(pos++);
    }

    private void expect(String token) {
        String t = next();
        if (!t.equals(token)) {
            throw error("expected '" + token + "' but found '" + t + "'");
        }
    }

    private IllegalArgumentException error(String message) {
        // the line of the last token read, which is the one the message is about
        int line = lines.isEmpty() ? 1 : lines.get(Math.min(Math.max(0, pos - 1), lines.size() - 1));
        return new IllegalArgumentException(".proto line " + line + ": " + message);
    }
}
