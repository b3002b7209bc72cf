package dev.backtrack.ui.profile;

import dev.backtrack.profile.RegistryAuth;
import dev.backtrack.profile.SaslMechanism;
import dev.backtrack.profile.SecretKind;
import dev.backtrack.profile.StoreType;
import dev.backtrack.ui.common.Icons;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/** The authentication, TLS, schema registry and advanced sections of the profile editor. */
final class EditorSections {
    private static final FileChooser.ExtensionFilter STORES = new FileChooser.ExtensionFilter(
            "Key/trust stores and PEM files", "*.p12", "*.pfx", "*.jks", "*.pem", "*.crt", "*.cer", "*.key");

    private final ProfileEditorViewModel vm;

    EditorSections(ProfileEditorViewModel vm) {
        this.vm = vm;
    }

    static VBox section(String title, String id, Node... content) {
        Label header = new Label(title);
        header.getStyleClass().add("form-section-title");
        VBox box = new VBox(8, header);
        box.getChildren().addAll(content);
        box.setId(id);
        box.getStyleClass().add("form-section");
        return box;
    }

    VBox authentication() {
        FormGrid grid = new FormGrid(vm.errors);
        ComboBox<SaslMechanism> mechanism = new ComboBox<>(FXCollections.observableArrayList(SaslMechanism.values()));
        mechanism.setId("profile-mechanism");
        mechanism.valueProperty().bindBidirectional(vm.mechanism);
        grid.row("SASL mechanism", mechanism, null);
        grid.row("", FormGrid.text(vm.username, "profile-username", ""), EditorField.USERNAME)
                .labelled(Bindings.createStringBinding(() -> switch (vm.mechanism.get()) {
                    case OAUTHBEARER -> "Client id";
                    case GSSAPI -> "Kerberos principal";
                    case AWS_MSK_IAM -> "AWS profile (optional)";
                    default -> "User name";
                }, vm.mechanism));
        grid.row("", secret(vm.password, "profile-password", SecretKind.SASL_PASSWORD), EditorField.PASSWORD)
                .labelled(Bindings.createStringBinding(() -> vm.mechanism.get() == SaslMechanism.OAUTHBEARER
                        ? "Client secret" : "Password", vm.mechanism))
                .showWhen(Bindings.createBooleanBinding(() -> vm.mechanism.get().needsSecret(), vm.mechanism));
        BooleanBinding oauth = is(vm.mechanism, SaslMechanism.OAUTHBEARER);
        grid.row("Token endpoint", FormGrid.text(vm.tokenEndpoint, "profile-token-endpoint", "https://idp.example.com/oauth2/token"),
                EditorField.TOKEN_ENDPOINT).showWhen(oauth);
        grid.row("Scope", FormGrid.text(vm.scope, "profile-scope", "optional"), null).showWhen(oauth);
        BooleanBinding kerberos = is(vm.mechanism, SaslMechanism.GSSAPI);
        grid.row("Keytab", FormGrid.file(vm.keytab, "profile-keytab", "the keytab file",
                new FileChooser.ExtensionFilter("Keytabs", "*.keytab")), EditorField.KEYTAB).showWhen(kerberos);
        grid.row("krb5.conf", FormGrid.file(vm.krb5Config, "profile-krb5", "krb5.conf",
                new FileChooser.ExtensionFilter("Kerberos configuration", "*.conf")), null).showWhen(kerberos);
        grid.row("Service name", FormGrid.text(vm.kerberosServiceName, "profile-kerberos-service", "kafka"), null).showWhen(kerberos);
        grid.note(hint("Signs in with the AWS default credentials chain (environment, ~/.aws profile, instance or container role);"
                + " the region and an assumed role come from that profile. Needs aws-msk-iam-auth on the class path."))
                .showWhen(is(vm.mechanism, SaslMechanism.AWS_MSK_IAM));
        grid.note(hint("Secrets go to the OS keychain (or the encrypted secrets file), never into the profile file."))
                .showWhen(Bindings.createBooleanBinding(() -> vm.mechanism.get().needsSecret(), vm.mechanism));
        return section("Authentication", "profile-section-auth", grid);
    }

    VBox tls() {
        FormGrid grid = new FormGrid(vm.errors);
        BooleanBinding hasTrust = vm.trustStore.isNotEmpty();
        grid.row("Trust store", FormGrid.file(vm.trustStore, "profile-truststore", "the trust store (CA certificates)", STORES), null);
        grid.row("Trust store type", storeType(vm.trustStoreType, "profile-truststore-type"), null).showWhen(hasTrust);
        grid.row("Trust store password", secret(vm.trustStorePassword, "profile-truststore-password", SecretKind.TRUSTSTORE_PASSWORD),
                EditorField.TRUSTSTORE_PASSWORD).showWhen(hasTrust.and(isNot(vm.trustStoreType, StoreType.PEM)));
        BooleanBinding hasKey = vm.keyStore.isNotEmpty();
        grid.row("Client certificate", FormGrid.file(vm.keyStore, "profile-keystore", "the key store (client certificate, mutual TLS)", STORES), null);
        grid.row("Key store type", storeType(vm.keyStoreType, "profile-keystore-type"), null).showWhen(hasKey);
        grid.row("Key store password", secret(vm.keyStorePassword, "profile-keystore-password", SecretKind.KEYSTORE_PASSWORD),
                EditorField.KEYSTORE_PASSWORD).showWhen(hasKey.and(isNot(vm.keyStoreType, StoreType.PEM)));
        CheckBox keyProtected = new CheckBox("The private key has its own password");
        keyProtected.setId("profile-key-protected");
        keyProtected.selectedProperty().bindBidirectional(vm.keyPasswordProtected);
        grid.row("", keyProtected, null).showWhen(hasKey);
        grid.row("Private key password", secret(vm.keyPassword, "profile-key-password", SecretKind.KEY_PASSWORD),
                EditorField.KEY_PASSWORD).showWhen(hasKey.and(vm.keyPasswordProtected));
        grid.note(hint("PEM: the trust store is a CA certificate file; the client certificate file holds the certificate and its"
                + " private key. Without a trust store the JDK's CAs are trusted."));
        CheckBox verify = new CheckBox("Verify the broker host names against their certificates");
        verify.setId("profile-verify-hostname");
        verify.selectedProperty().bindBidirectional(vm.verifyHostname);
        grid.row("", verify, null);
        grid.note(warning("profile-hostname-warning", "Hostname verification is OFF: any server with a certificate from a trusted"
                + " CA is accepted, so a man in the middle can read the traffic and the credentials.")).showWhen(vm.verifyHostname.not());
        return section("TLS", "profile-section-tls", grid);
    }

    VBox registry() {
        FormGrid grid = new FormGrid(vm.errors);
        CheckBox enabled = new CheckBox("Decode with a schema registry (Confluent API)");
        enabled.setId("profile-registry-enabled");
        enabled.selectedProperty().bindBidirectional(vm.registryEnabled);
        grid.row("", enabled, null);
        BooleanBinding on = Bindings.createBooleanBinding(vm.registryEnabled::get, vm.registryEnabled);
        grid.row("URL", FormGrid.text(vm.registryUrl, "profile-registry-url", "https://registry.example.com:8081"),
                EditorField.REGISTRY_URL).showWhen(on);
        ComboBox<RegistryAuth> auth = new ComboBox<>(FXCollections.observableArrayList(RegistryAuth.values()));
        auth.setId("profile-registry-auth");
        auth.valueProperty().bindBidirectional(vm.registryAuth);
        auth.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(RegistryAuth a) {
                return a == null ? "" : switch (a) {
                    case NONE -> "None";
                    case BASIC -> "User name and password";
                    case BEARER -> "Bearer token";
                };
            }

            @Override
            public RegistryAuth fromString(String s) {
                return null;
            }
        });
        grid.row("Authentication", auth, null).showWhen(on);
        grid.row("User name", FormGrid.text(vm.registryUsername, "profile-registry-username", ""), EditorField.REGISTRY_USERNAME)
                .showWhen(on.and(is(vm.registryAuth, RegistryAuth.BASIC)));
        grid.row("", secret(vm.registryPassword, "profile-registry-password", SecretKind.REGISTRY_PASSWORD), EditorField.REGISTRY_PASSWORD)
                .labelled(Bindings.createStringBinding(() -> vm.registryAuth.get() == RegistryAuth.BEARER ? "Token" : "Password", vm.registryAuth))
                .showWhen(on.and(isNot(vm.registryAuth, RegistryAuth.NONE)));
        grid.row("Trust store", FormGrid.file(vm.registryTrustStore, "profile-registry-truststore", "the registry's trust store", STORES), null)
                .showWhen(on);
        BooleanBinding hasTrust = on.and(vm.registryTrustStore.isNotEmpty());
        grid.row("Trust store type", storeType(vm.registryTrustStoreType, "profile-registry-truststore-type"), null).showWhen(hasTrust);
        grid.row("Trust store password", secret(vm.registryTrustStorePassword, "profile-registry-truststore-password",
                SecretKind.REGISTRY_TRUSTSTORE_PASSWORD), EditorField.REGISTRY_TRUSTSTORE_PASSWORD)
                .showWhen(hasTrust.and(isNot(vm.registryTrustStoreType, StoreType.PEM)));
        CheckBox verify = new CheckBox("Verify the registry's host name");
        verify.setId("profile-registry-verify-hostname");
        verify.selectedProperty().bindBidirectional(vm.registryVerifyHostname);
        grid.row("", verify, null).showWhen(on);
        grid.note(warning("profile-registry-hostname-warning", "Hostname verification is OFF for the registry."))
                .showWhen(on.and(vm.registryVerifyHostname.not()));
        return section("Schema registry", "profile-section-registry", grid);
    }

    VBox advanced() {
        TableView<PropertyRow> table = new TableView<>(vm.properties);
        table.setId("profile-properties");
        table.setEditable(true);
        table.setPrefHeight(130);
        table.setPlaceholder(new Label("No extra client properties"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<PropertyRow, String> key = new TableColumn<>("Property");
        key.setCellValueFactory(c -> c.getValue().key);
        key.setCellFactory(TextFieldTableCell.forTableColumn());
        key.setPrefWidth(240);
        TableColumn<PropertyRow, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> c.getValue().value);
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        table.getColumns().add(key);
        table.getColumns().add(value);
        Button add = Icons.button(Feather.PLUS, "Add", "Add a client property");
        add.setId("profile-property-add");
        add.setOnAction(e -> {
            vm.properties.add(new PropertyRow("", ""));
            int row = vm.properties.size() - 1;
            table.getSelectionModel().select(row);
            table.edit(row, key);
        });
        Button remove = Icons.button(Feather.TRASH_2, "Remove", "Remove the selected property");
        remove.setId("profile-property-remove");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> vm.properties.remove(table.getSelectionModel().getSelectedItem()));
        Label error = new Label();
        error.setId("error-properties");
        error.getStyleClass().add("field-error");
        error.textProperty().bind(Bindings.stringValueAt(vm.errors, EditorField.PROPERTIES));
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        HBox buttons = new HBox(6, add, remove);
        return section("Advanced client properties", "profile-section-advanced",
                hint("Extra Kafka client properties, e.g. client.rack or max.poll.records (double-click to edit). Secrets are"
                        + " refused here: use the password fields, which go to the secret store."), table, buttons, error);
    }

    private PasswordField secret(StringProperty value, String id, SecretKind kind) {
        PasswordField field = FormGrid.password(value, id);
        field.promptTextProperty().bind(Bindings.createStringBinding(() -> vm.storedSecrets.contains(kind)
                ? "stored in the secret store · type to replace" : "", vm.storedSecrets));
        return field;
    }

    private static ComboBox<StoreType> storeType(ObjectProperty<StoreType> type, String id) {
        ComboBox<StoreType> box = new ComboBox<>(FXCollections.observableArrayList(StoreType.values()));
        box.setId(id);
        box.valueProperty().bindBidirectional(type);
        return box;
    }

    static Label hint(String text) {
        Label hint = new Label(text);
        hint.getStyleClass().addAll("text-muted", "form-hint");
        hint.setWrapText(true);
        return hint;
    }

    static Label warning(String id, String text) {
        Label warning = new Label(text, Icons.icon(Feather.ALERT_TRIANGLE));
        warning.setId(id);
        warning.getStyleClass().add("form-warning");
        warning.setWrapText(true);
        return warning;
    }

    private static <T> BooleanBinding is(ObjectProperty<T> property, T value) {
        return Bindings.createBooleanBinding(() -> property.get() == value, property);
    }

    private static <T> BooleanBinding isNot(ObjectProperty<T> property, T value) {
        return Bindings.createBooleanBinding(() -> property.get() != value, property);
    }
}
