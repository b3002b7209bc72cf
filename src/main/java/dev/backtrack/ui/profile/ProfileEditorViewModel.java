package dev.backtrack.ui.profile;

import dev.backtrack.profile.ConnectionTester;
import dev.backtrack.profile.Environment;
import dev.backtrack.profile.Profile;
import dev.backtrack.profile.ProfileContext;
import dev.backtrack.profile.ProfileManager;
import dev.backtrack.profile.ProfileResolver;
import dev.backtrack.profile.RegistryAuth;
import dev.backtrack.profile.RegistryProfile;
import dev.backtrack.profile.SaslMechanism;
import dev.backtrack.profile.SaslSettings;
import dev.backtrack.profile.SecretKind;
import dev.backtrack.profile.SecurityProtocol;
import dev.backtrack.profile.StoreType;
import dev.backtrack.profile.TlsSettings;
import dev.backtrack.profile.TopicDecoders;
import dev.backtrack.ui.browse.BrowseViewModel;
import dev.backtrack.ui.common.UiExecutor;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.ObservableSet;

/**
 * The profile editor's state: one property per setting of a {@link Profile} (no raw JAAS; the engine builds
 * it), the secrets typed into password fields (kept in memory, stored only through {@link ProfileManager}
 * on save, never in the profile file), inline validation, save, and "test connection" on the unsaved form.
 * Calls the engine only; all methods on the FX thread.
 */
public final class ProfileEditorViewModel {
    // General
    public final StringProperty name = new SimpleStringProperty("");
    /** A CSS colour ("#8250df") or empty for the environment's colour. */
    public final StringProperty color = new SimpleStringProperty("");
    public final ObjectProperty<Environment> environment = new SimpleObjectProperty<>(Environment.DEV);
    public final BooleanProperty readOnly = new SimpleBooleanProperty();
    // Cluster
    public final StringProperty bootstrap = new SimpleStringProperty("");
    public final ObjectProperty<SecurityProtocol> protocol = new SimpleObjectProperty<>(SecurityProtocol.PLAINTEXT);
    // Authentication (username: SASL user, OAuth client id, Kerberos principal or AWS profile name)
    public final ObjectProperty<SaslMechanism> mechanism = new SimpleObjectProperty<>(SaslMechanism.SCRAM_SHA_512);
    public final StringProperty username = new SimpleStringProperty("");
    public final StringProperty password = new SimpleStringProperty("");
    public final StringProperty tokenEndpoint = new SimpleStringProperty("");
    public final StringProperty scope = new SimpleStringProperty("");
    public final StringProperty keytab = new SimpleStringProperty("");
    public final StringProperty krb5Config = new SimpleStringProperty("");
    public final StringProperty kerberosServiceName = new SimpleStringProperty("");
    // TLS
    public final StringProperty trustStore = new SimpleStringProperty("");
    public final ObjectProperty<StoreType> trustStoreType = new SimpleObjectProperty<>(StoreType.PKCS12);
    public final StringProperty trustStorePassword = new SimpleStringProperty("");
    public final StringProperty keyStore = new SimpleStringProperty("");
    public final ObjectProperty<StoreType> keyStoreType = new SimpleObjectProperty<>(StoreType.PKCS12);
    public final StringProperty keyStorePassword = new SimpleStringProperty("");
    public final BooleanProperty keyPasswordProtected = new SimpleBooleanProperty();
    public final StringProperty keyPassword = new SimpleStringProperty("");
    public final BooleanProperty verifyHostname = new SimpleBooleanProperty(true);
    // Schema registry
    public final BooleanProperty registryEnabled = new SimpleBooleanProperty();
    public final StringProperty registryUrl = new SimpleStringProperty("");
    public final ObjectProperty<RegistryAuth> registryAuth = new SimpleObjectProperty<>(RegistryAuth.NONE);
    public final StringProperty registryUsername = new SimpleStringProperty("");
    public final StringProperty registryPassword = new SimpleStringProperty("");
    public final StringProperty registryTrustStore = new SimpleStringProperty("");
    public final ObjectProperty<StoreType> registryTrustStoreType = new SimpleObjectProperty<>(StoreType.PKCS12);
    public final StringProperty registryTrustStorePassword = new SimpleStringProperty("");
    public final BooleanProperty registryVerifyHostname = new SimpleBooleanProperty(true);
    // Advanced
    public final ObservableList<PropertyRow> properties = FXCollections.observableArrayList(
            row -> new Observable[] {row.key, row.value});

    /** Inline validation messages by field; empty when the form can be saved. */
    public final ObservableMap<EditorField, String> errors = FXCollections.observableMap(new EnumMap<>(EditorField.class));
    /** Secrets of the edited profile that are already in the secret store (their fields may stay empty). */
    public final ObservableSet<SecretKind> storedSecrets = FXCollections.observableSet(EnumSet.noneOf(SecretKind.class));
    public final BooleanProperty saving = new SimpleBooleanProperty();
    public final StringProperty saveError = new SimpleStringProperty("");
    /** A one-line notice, e.g. that the stored secrets could not be read. */
    public final StringProperty notice = new SimpleStringProperty("");
    public final ConnectionTestRun test;

    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final ProfileContext context;
    private final UiExecutor ui;
    private final ConnectionTester tester;
    private final Profile original;
    private final Set<String> otherNames;
    private Map<String, TopicDecoders> decoders = Map.of();

    /**
     * An editor for {@code original} (null: a new profile). {@code existingNames} are the saved profiles'
     * names, so a new or renamed profile cannot take one of them.
     */
    public ProfileEditorViewModel(ProfileContext context, UiExecutor ui, ConnectionTester tester, Profile original,
                                  List<String> existingNames) {
        this.context = context;
        this.ui = ui;
        this.tester = tester;
        this.original = original;
        this.otherNames = Set.copyOf(existingNames.stream().filter(n -> original == null || !n.equals(original.name())).toList());
        this.test = new ConnectionTestRun(ui);
        if (original != null) {
            ProfileFormMapping.load(this, original);
            decoders = original.decoders();
        }
        trustStore.addListener((o, a, file) -> guessType(file, trustStoreType));
        keyStore.addListener((o, a, file) -> guessType(file, keyStoreType));
        registryTrustStore.addListener((o, a, file) -> guessType(file, registryTrustStoreType));
        for (Observable field : inputs()) {
            field.addListener(o -> validate());
        }
        validate();
        if (original != null && !original.requiredSecrets().isEmpty()) {
            loadStoredSecrets(original);
        }
    }

    /** A new, empty profile. */
    public static ProfileEditorViewModel create(ProfileContext context, UiExecutor ui, List<String> existingNames) {
        return new ProfileEditorViewModel(context, ui, new ConnectionTester(), null, existingNames);
    }

    public boolean isNew() {
        return original == null;
    }

    /** The saved name of the edited profile, or null for a new one. */
    public String originalName() {
        return original == null ? null : original.name();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    private List<Observable> inputs() {
        return List.of(name, color, environment, readOnly, bootstrap, protocol, mechanism, username, password,
                tokenEndpoint, scope, keytab, krb5Config, kerberosServiceName, trustStore, trustStoreType, trustStorePassword,
                keyStore, keyStoreType, keyStorePassword, keyPasswordProtected, keyPassword, verifyHostname, registryEnabled,
                registryUrl, registryAuth, registryUsername, registryPassword, registryTrustStore, registryTrustStoreType,
                registryTrustStorePassword, registryVerifyHostname, properties, storedSecrets);
    }

    private static void guessType(String file, ObjectProperty<StoreType> type) {
        if (file != null && !file.isBlank()) {
            type.set(StoreType.fromFileName(file.trim()));
        }
    }

    private void loadStoredSecrets(Profile profile) {
        ui.supply(() -> new ProfileManager(context).missingSecrets(profile), missing -> {
            Set<SecretKind> stored = EnumSet.noneOf(SecretKind.class);
            stored.addAll(profile.requiredSecrets());
            missing.forEach(stored::remove);
            storedSecrets.addAll(stored);
        }, failure -> notice.set("Stored secrets cannot be read (" + BrowseViewModel.message(failure)
                + "); type them again to save"));
    }

    /** Recomputes {@link #errors} and {@link #validProperty()}. */
    public void validate() {
        Map<EditorField, String> found = ProfileValidation.check(this, otherNames);
        if (found.isEmpty()) {
            try {
                Profile profile = build();
                for (SecretKind kind : profile.requiredSecrets()) {
                    if (typed(kind).isEmpty() && !storedSecrets.contains(kind)) {
                        found.put(EditorField.of(kind), "Required");
                    }
                }
            } catch (RuntimeException e) {
                found.put(EditorField.PROFILE, BrowseViewModel.message(e));
            }
        }
        if (!errors.equals(found)) {
            errors.keySet().retainAll(found.keySet());
            errors.putAll(found);
        }
        valid.set(found.isEmpty());
    }

    /** The profile the form describes (no secrets); throws the engine's one-sentence error if it is invalid. */
    public Profile build() {
        SecurityProtocol p = protocol.get();
        SaslSettings sasl = null;
        if (p.usesSasl()) {
            SaslMechanism m = mechanism.get();
            boolean oauth = m == SaslMechanism.OAUTHBEARER;
            boolean kerberos = m == SaslMechanism.GSSAPI;
            sasl = new SaslSettings(m, blankToNull(username.get()), oauth ? blankToNull(tokenEndpoint.get()) : null,
                    oauth ? blankToNull(scope.get()) : null, kerberos ? blankToNull(keytab.get()) : null,
                    kerberos ? blankToNull(krb5Config.get()) : null, kerberos ? blankToNull(kerberosServiceName.get()) : null);
        }
        TlsSettings tls = TlsSettings.DEFAULT;
        if (p.usesTls()) {
            String trust = blankToNull(trustStore.get());
            String key = blankToNull(keyStore.get());
            tls = new TlsSettings(trust, trust == null ? null : trustStoreType.get(), key, key == null ? null : keyStoreType.get(),
                    key != null && keyPasswordProtected.get(), !verifyHostname.get());
        }
        RegistryProfile registry = null;
        if (registryEnabled.get()) {
            String trust = blankToNull(registryTrustStore.get());
            RegistryAuth auth = registryAuth.get();
            registry = new RegistryProfile(registryUrl.get().trim(), auth,
                    auth == RegistryAuth.BASIC ? blankToNull(registryUsername.get()) : null, trust,
                    trust == null ? null : registryTrustStoreType.get(), !registryVerifyHostname.get());
        }
        Map<String, String> props = new LinkedHashMap<>();
        for (PropertyRow row : properties) {
            if (!row.isBlank()) {
                props.put(row.key.get().trim(), row.value.get().trim());
            }
        }
        return new Profile(name.get().trim(), blankToNull(color.get()), environment.get(), bootstrap.get().trim(), p, sasl,
                tls, registry, props, decoders, readOnly.get());
    }

    /** The secrets typed for the profile as built: only those it needs, only non-empty ones. */
    Map<SecretKind, String> typedSecrets(Profile profile) {
        Map<SecretKind, String> out = new EnumMap<>(SecretKind.class);
        for (SecretKind kind : profile.requiredSecrets()) {
            String value = typed(kind);
            if (!value.isEmpty()) {
                out.put(kind, value);
            }
        }
        return out;
    }

    private String typed(SecretKind kind) {
        String value = switch (kind) {
            case SASL_PASSWORD -> password.get();
            case TRUSTSTORE_PASSWORD -> trustStorePassword.get();
            case KEYSTORE_PASSWORD -> keyStorePassword.get();
            case KEY_PASSWORD -> keyPassword.get();
            case REGISTRY_PASSWORD -> registryPassword.get();
            case REGISTRY_TRUSTSTORE_PASSWORD -> registryTrustStorePassword.get();
        };
        return value == null ? "" : value;
    }

    /**
     * Saves in the background: the profile into the profiles file, the typed secrets into the secret store
     * (a rename moves the stored secrets). {@code onSaved} gets the saved profile; a failure goes to {@link #saveError}.
     */
    public void save(Consumer<Profile> onSaved) {
        validate();
        if (!valid.get() || saving.get()) {
            return;
        }
        Profile profile = build();
        Map<SecretKind, String> secrets = typedSecrets(profile);
        String oldName = originalName();
        saving.set(true);
        saveError.set("");
        ui.supply(() -> {
            ProfileManager manager = new ProfileManager(context);
            if (oldName == null) {
                manager.add(profile, secrets);
            } else {
                manager.update(profile.withName(oldName), secrets);
                if (!oldName.equals(profile.name())) {
                    manager.rename(oldName, profile.name());
                }
            }
            return profile;
        }, saved -> {
            saving.set(false);
            onSaved.accept(saved);
        }, failure -> {
            saving.set(false);
            saveError.set("Not saved: " + BrowseViewModel.message(failure));
        });
    }

    /** Tests the form as it is now (saved or not), with the typed secrets, else the stored ones. */
    public void testConnection() {
        validate();
        if (!valid.get()) {
            test.status.set("Fix the marked fields first");
            test.outcome.set(ConnectionTestRun.Outcome.FAILED);
            return;
        }
        Profile profile = build();
        EditorSecrets secrets = new EditorSecrets(typedSecrets(profile), context, originalName());
        test.start(() -> tester.test(profile, new ProfileResolver(secrets).resolve(profile), null));
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
