package dev.backtrack.ui.profile;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.profile.BootstrapAddress;
import dev.backtrack.profile.RegistryAuth;
import dev.backtrack.profile.SaslMechanism;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The editor's field checks, with short messages shown under the field. The engine's records check the
 * whole profile again when it is built; these only make the common mistakes visible while typing.
 */
final class ProfileValidation {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private ProfileValidation() {
    }

    static Map<EditorField, String> check(ProfileEditorViewModel vm, Set<String> otherNames) {
        Map<EditorField, String> errors = new EnumMap<>(EditorField.class);
        String name = vm.name.get().trim();
        if (name.isEmpty()) {
            errors.put(EditorField.NAME, "Required");
        } else if (!NAME.matcher(name).matches()) {
            errors.put(EditorField.NAME, "Use 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        } else if (otherNames.contains(name)) {
            errors.put(EditorField.NAME, "A profile named '" + name + "' already exists");
        }
        String bootstrap = vm.bootstrap.get().trim();
        if (bootstrap.isEmpty()) {
            errors.put(EditorField.BOOTSTRAP, "Required, e.g. broker-1:9092,broker-2:9092");
        } else {
            try {
                BootstrapAddress.parseList(bootstrap);
            } catch (RuntimeException e) {
                errors.put(EditorField.BOOTSTRAP, capitalized(e.getMessage()));
            }
        }
        if (vm.protocol.get().usesSasl()) {
            SaslMechanism m = vm.mechanism.get();
            if (m != SaslMechanism.AWS_MSK_IAM && vm.username.get().isBlank()) {
                errors.put(EditorField.USERNAME, "Required");
            }
            if (m == SaslMechanism.OAUTHBEARER) {
                String url = vm.tokenEndpoint.get().trim();
                if (url.isEmpty()) {
                    errors.put(EditorField.TOKEN_ENDPOINT, "Required");
                } else if (!isHttp(url)) {
                    errors.put(EditorField.TOKEN_ENDPOINT, "Must start with http:// or https://");
                }
            }
            if (m == SaslMechanism.GSSAPI && vm.keytab.get().isBlank()) {
                errors.put(EditorField.KEYTAB, "Required");
            }
        }
        if (vm.registryEnabled.get()) {
            String url = vm.registryUrl.get().trim();
            if (url.isEmpty()) {
                errors.put(EditorField.REGISTRY_URL, "Required");
            } else if (!isHttp(url)) {
                errors.put(EditorField.REGISTRY_URL, "Must start with http:// or https://");
            }
            if (vm.registryAuth.get() == RegistryAuth.BASIC && vm.registryUsername.get().isBlank()) {
                errors.put(EditorField.REGISTRY_USERNAME, "Required");
            }
        }
        String property = propertyProblem(vm);
        if (property != null) {
            errors.put(EditorField.PROPERTIES, property);
        }
        return errors;
    }

    private static String propertyProblem(ProfileEditorViewModel vm) {
        Set<String> seen = new HashSet<>();
        for (PropertyRow row : vm.properties) {
            if (row.isBlank()) {
                continue;
            }
            String key = row.key.get().trim();
            if (key.isEmpty()) {
                return "Every property needs a name";
            }
            if (!seen.add(key)) {
                return "'" + key + "' is listed twice";
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (ConnectionSettings.isSecretKey(key) || lower.equals("ssl.keystore.key") || lower.endsWith("user.info")) {
                return "'" + key + "' holds a secret: use the password fields above, which go to the secret store";
            }
            if (lower.equals("bootstrap.servers") || lower.equals("security.protocol") || lower.equals("sasl.mechanism")) {
                return "'" + key + "' is set by the fields above";
            }
        }
        return null;
    }

    private static boolean isHttp(String url) {
        return url.startsWith("http://") || url.startsWith("https://");
    }

    private static String capitalized(String message) {
        return message == null || message.isEmpty() ? "Invalid" : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
