package dev.backtrack.profile;

import dev.backtrack.BacktrackException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Profile operations that keep the profiles file and the secret store consistent: add/edit with
 * secrets, duplicate and rename (secrets copied/moved), delete (secrets deleted), and export/import
 * of profiles without secrets.
 */
public final class ProfileManager {
    private final ProfileStore store;
    private final Supplier<SecretStore> secretStore;

    public ProfileManager(ProfileStore store, SecretStore secrets) {
        this.store = store;
        this.secretStore = () -> secrets;
    }

    /** Opens the context's secret store only when an operation touches a secret. */
    public ProfileManager(ProfileContext context) {
        this.store = context.store();
        this.secretStore = context::secrets;
    }

    /** Adds a new profile and stores the given secrets; secrets the profile does not need are refused. */
    public void add(Profile profile, Map<SecretKind, String> newSecrets) {
        checkSecrets(profile, newSecrets);
        store.add(profile);
        try {
            newSecrets.forEach((kind, value) -> secrets().write(profile.name(), kind, value));
        } catch (RuntimeException e) {
            // e.g. the passphrase prompt was cancelled: no half-saved profile that then blocks saving it again
            store.remove(profile.name());
            throw e;
        }
    }

    /** Replaces a profile's settings, stores any new secrets and drops secrets it no longer needs. */
    public void update(Profile profile, Map<SecretKind, String> newSecrets) {
        checkSecrets(profile, newSecrets);
        store.replace(profile);
        newSecrets.forEach((kind, value) -> secrets().write(profile.name(), kind, value));
        for (SecretKind kind : SecretKind.values()) {
            if (!profile.requiredSecrets().contains(kind)) {
                secrets().delete(profile.name(), kind);
            }
        }
    }

    /** The secrets the profile needs that are not in the secret store yet. */
    public List<SecretKind> missingSecrets(Profile profile) {
        List<SecretKind> missing = new ArrayList<>();
        for (SecretKind kind : profile.requiredSecrets()) {
            if (secrets().read(profile.name(), kind).isEmpty()) {
                missing.add(kind);
            }
        }
        return missing;
    }

    public void duplicate(String name, String copyName) {
        Profile copy = store.get(name).withName(copyName);
        store.add(copy);
        secrets().copyAll(name, copyName);
    }

    /** Renames the profile and moves its secrets; the old name's secrets are deleted only after the copy. */
    public void rename(String name, String newName) {
        if (name.equals(newName)) {
            return;
        }
        Profile renamed = store.get(name).withName(newName);
        if (store.find(newName).isPresent()) {
            throw new BacktrackException("a profile named '" + newName + "' already exists");
        }
        secrets().copyAll(name, newName);
        store.replace(name, renamed);
        secrets().deleteAll(name);
    }

    /** Deletes the profile and all of its secrets. */
    public void delete(String name) {
        store.remove(name);
        secrets().deleteAll(name);
    }

    /** The named profiles (all when {@code names} is empty) as a profiles document, without secrets. */
    public byte[] export(List<String> names) {
        return store.export(names);
    }

    /**
     * Imports every profile of an exported document; existing names are an error unless
     * {@code replace}. Returns the imported profiles, whose secrets still have to be entered.
     */
    public List<Profile> importProfiles(byte[] document, String source, boolean replace) {
        List<Profile> incoming = ProfileStore.parse(document, source).profiles();
        if (!replace) {
            for (Profile profile : incoming) {
                if (store.find(profile.name()).isPresent()) {
                    throw new BacktrackException("a profile named '" + profile.name()
                            + "' already exists; nothing was imported (use --replace to overwrite)");
                }
            }
        }
        long distinct = incoming.stream().map(Profile::name).distinct().count();
        if (distinct != incoming.size()) {
            throw new BacktrackException(source + " names the same profile twice; nothing was imported");
        }
        store.putAll(incoming);
        return incoming;
    }

    private SecretStore secrets() {
        return secretStore.get();
    }

    private static void checkSecrets(Profile profile, Map<SecretKind, String> newSecrets) {
        for (Map.Entry<SecretKind, String> entry : newSecrets.entrySet()) {
            if (!profile.requiredSecrets().contains(entry.getKey())) {
                throw new BacktrackException("profile '" + profile.name() + "' does not use a " + entry.getKey().label());
            }
            if (entry.getValue() == null || entry.getValue().isEmpty()) {
                throw new BacktrackException("the " + entry.getKey().label() + " of '" + profile.name() + "' is empty");
            }
        }
    }
}
