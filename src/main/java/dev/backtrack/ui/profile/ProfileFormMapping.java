package dev.backtrack.ui.profile;

import dev.backtrack.profile.Profile;
import dev.backtrack.profile.RegistryProfile;
import dev.backtrack.profile.SaslSettings;
import dev.backtrack.profile.TlsSettings;

/** Fills the editor's properties from a saved profile (the reverse of {@link ProfileEditorViewModel#build()}). */
final class ProfileFormMapping {
    private ProfileFormMapping() {
    }

    static void load(ProfileEditorViewModel vm, Profile p) {
        vm.name.set(p.name());
        vm.color.set(orEmpty(p.color()));
        vm.environment.set(p.environment());
        vm.readOnly.set(p.readOnly());
        vm.bootstrap.set(p.bootstrapServers());
        vm.protocol.set(p.securityProtocol());
        SaslSettings sasl = p.sasl();
        if (sasl != null) {
            vm.mechanism.set(sasl.mechanism());
            vm.username.set(orEmpty(sasl.username()));
            vm.tokenEndpoint.set(orEmpty(sasl.tokenEndpointUrl()));
            vm.scope.set(orEmpty(sasl.scope()));
            vm.keytab.set(orEmpty(sasl.keytab()));
            vm.krb5Config.set(orEmpty(sasl.krb5Config()));
            vm.kerberosServiceName.set(orEmpty(sasl.kerberosServiceName()));
        }
        TlsSettings tls = p.tls();
        vm.trustStore.set(orEmpty(tls.trustStore()));
        if (tls.trustStoreType() != null) {
            vm.trustStoreType.set(tls.trustStoreType());
        }
        vm.keyStore.set(orEmpty(tls.keyStore()));
        if (tls.keyStoreType() != null) {
            vm.keyStoreType.set(tls.keyStoreType());
        }
        vm.keyPasswordProtected.set(tls.keyPasswordProtected());
        vm.verifyHostname.set(tls.verifyHostname());
        RegistryProfile registry = p.registry();
        vm.registryEnabled.set(registry != null);
        if (registry != null) {
            vm.registryUrl.set(registry.url());
            vm.registryAuth.set(registry.auth());
            vm.registryUsername.set(orEmpty(registry.username()));
            vm.registryTrustStore.set(orEmpty(registry.trustStore()));
            if (registry.trustStoreType() != null) {
                vm.registryTrustStoreType.set(registry.trustStoreType());
            }
            vm.registryVerifyHostname.set(!registry.hostnameVerificationDisabled());
        }
        p.properties().forEach((key, value) -> vm.properties.add(new PropertyRow(key, value)));
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
