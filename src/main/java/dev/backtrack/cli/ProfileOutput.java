package dev.backtrack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.profile.ConnectionTestReport;
import dev.backtrack.profile.ConnectionTestStep;
import dev.backtrack.profile.Profile;
import dev.backtrack.profile.SecretKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Tables and JSON for {@code profile list/show/test}; never includes a secret value. */
final class ProfileOutput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setDefaultPropertyInclusion(com.fasterxml.jackson.annotation.JsonInclude.Value.construct(
                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY, com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS));

    private ProfileOutput() {
    }

    static void table(PrintWriter out, List<Profile> profiles) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "ENV", "BOOTSTRAP", "SECURITY", "AUTH", "REGISTRY", "FLAGS"});
        for (Profile p : profiles) {
            rows.add(new String[] {p.name(), p.environment().name().toLowerCase(java.util.Locale.ROOT), p.bootstrapServers(),
                    p.securityProtocol().name(), auth(p), p.registry() == null ? "-" : p.registry().url(), flags(p)});
        }
        print(out, rows);
    }

    static void show(PrintWriter out, Profile p, List<SecretKind> missing) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"name", p.name()});
        rows.add(new String[] {"environment", p.environment().name().toLowerCase(java.util.Locale.ROOT)});
        rows.add(new String[] {"colour", p.color() == null ? "-" : p.color()});
        rows.add(new String[] {"bootstrap", p.bootstrapServers()});
        rows.add(new String[] {"security protocol", p.securityProtocol().name()});
        rows.add(new String[] {"authentication", auth(p)});
        if (p.sasl() != null && p.sasl().tokenEndpointUrl() != null) {
            rows.add(new String[] {"token endpoint", p.sasl().tokenEndpointUrl() + (p.sasl().scope() == null ? "" : " scope " + p.sasl().scope())});
        }
        if (p.securityProtocol().usesTls()) {
            rows.add(new String[] {"trust store", p.tls().trustStore() == null ? "JDK default CAs" : p.tls().trustStore() + " (" + p.tls().trustStoreType() + ")"});
            rows.add(new String[] {"key store", p.tls().keyStore() == null ? "-" : p.tls().keyStore() + " (" + p.tls().keyStoreType() + ")"});
            rows.add(new String[] {"hostname verification", p.tls().verifyHostname() ? "on" : "OFF"});
        }
        rows.add(new String[] {"schema registry", p.registry() == null ? "-" : p.registry().url() + " (" + p.registry().auth() + ")"});
        p.properties().forEach((k, v) -> rows.add(new String[] {"property " + k, v}));
        p.decoders().forEach((t, d) -> rows.add(new String[] {"decoders " + t, d.key() + ":" + d.value()}));
        rows.add(new String[] {"writes", p.writeProtected() ? "refused until unlocked for a run" : "allowed"});
        rows.add(new String[] {"secrets", secrets(p, missing)});
        print(out, rows);
    }

    static void showJson(PrintWriter out, Profile p, List<SecretKind> missing) throws Exception {
        ObjectNode node = JSON.valueToTree(p);
        ArrayNode secrets = node.putArray("secrets");
        for (SecretKind kind : p.requiredSecrets()) {
            secrets.addObject().put("kind", kind.name()).put("stored", !missing.contains(kind));
        }
        out.println(JSON.writeValueAsString(node));
    }

    static void listJson(PrintWriter out, List<Profile> profiles) throws Exception {
        out.println(JSON.writeValueAsString(profiles));
    }

    static void report(PrintWriter out, ConnectionTestReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"STEP", "STATUS", "TIME", "MESSAGE"});
        for (ConnectionTestStep s : report.steps()) {
            rows.add(new String[] {s.name(), s.status().name(), s.duration().toMillis() + " ms", s.message()});
        }
        print(out, rows);
    }

    static void reportJson(PrintWriter out, ConnectionTestReport report) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("profile", report.profile());
        root.put("succeeded", report.succeeded());
        ArrayNode steps = root.putArray("steps");
        for (ConnectionTestStep s : report.steps()) {
            steps.addObject().put("step", s.name()).put("status", s.status().name())
                    .put("message", s.message()).put("millis", s.duration().toMillis());
        }
        out.println(JSON.writeValueAsString(root));
    }

    private static String auth(Profile p) {
        if (p.sasl() != null) {
            return p.sasl().mechanism().kafkaName() + (p.sasl().username() == null ? "" : " " + p.sasl().username());
        }
        return p.securityProtocol().usesTls() && p.tls().keyStore() != null ? "client certificate" : "none";
    }

    private static String flags(Profile p) {
        List<String> flags = new ArrayList<>();
        if (p.writeProtected()) {
            flags.add("write-protected");
        }
        if (p.securityProtocol().usesTls() && !p.tls().verifyHostname()) {
            flags.add("NO-HOSTNAME-VERIFICATION");
        }
        return flags.isEmpty() ? "-" : String.join(",", flags);
    }

    private static String secrets(Profile p, List<SecretKind> missing) {
        if (p.requiredSecrets().isEmpty()) {
            return "none needed";
        }
        List<String> parts = new ArrayList<>();
        for (SecretKind kind : p.requiredSecrets()) {
            parts.add(kind.label() + (missing.contains(kind) ? " MISSING" : " stored"));
        }
        return String.join("; ", parts);
    }

    private static void print(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
