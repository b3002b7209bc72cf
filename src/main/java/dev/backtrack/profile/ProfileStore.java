package dev.backtrack.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.BacktrackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The profiles file: readable JSON ({@code {"schemaVersion": 2, "profiles": [...]}}), no secrets,
 * replaced atomically on every change. Older versions are migrated on read; a malformed file is
 * reported with its path and line and never overwritten.
 */
public final class ProfileStore {
    public static final int SCHEMA_VERSION = 2;
    public static final String FILE_NAME = "profiles.json";

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.ALWAYS))
            .build();

    /** The on-disk shape. */
    record ProfilesFile(int schemaVersion, @JsonInclude(JsonInclude.Include.ALWAYS) List<Profile> profiles) {
        ProfilesFile {
            profiles = profiles == null ? List.of() : List.copyOf(profiles);
        }
    }

    private final Path file;

    public ProfileStore(Path file) {
        this.file = file;
    }

    public static ProfileStore inDirectory(Path configDir) {
        return new ProfileStore(configDir.resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /** All profiles, sorted by name. */
    public synchronized List<Profile> list() {
        if (!Files.exists(file)) {
            return List.of();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BacktrackException("cannot read the profiles file " + file + ": " + e.getMessage(), e);
        }
        List<Profile> profiles = new ArrayList<>(parse(bytes, file.toString()).profiles());
        profiles.sort(Comparator.comparing(Profile::name));
        return profiles;
    }

    public Optional<Profile> find(String name) {
        return list().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The named profile, or the user-facing "no profile named" error. */
    public Profile get(String name) {
        return find(name).orElseThrow(() -> new BacktrackException("no profile named '" + name + "' (see 'backtrack profile list')"));
    }

    /** Adds a new profile; fails if the name is taken. */
    public synchronized void add(Profile profile) {
        List<Profile> all = new ArrayList<>(list());
        if (all.stream().anyMatch(p -> p.name().equals(profile.name()))) {
            throw new BacktrackException("a profile named '" + profile.name() + "' already exists");
        }
        all.add(profile);
        writeAll(all);
    }

    /** Replaces the profile with the same name; fails if there is none. */
    public synchronized void replace(Profile profile) {
        List<Profile> all = new ArrayList<>(list());
        int index = indexOf(all, profile.name());
        all.set(index, profile);
        writeAll(all);
    }

    /** Replaces {@code oldName} by {@code profile} (possibly renamed) in one atomic write. */
    public synchronized void replace(String oldName, Profile profile) {
        List<Profile> all = new ArrayList<>(list());
        int index = indexOf(all, oldName);
        if (!oldName.equals(profile.name()) && all.stream().anyMatch(p -> p.name().equals(profile.name()))) {
            throw new BacktrackException("a profile named '" + profile.name() + "' already exists");
        }
        all.set(index, profile);
        writeAll(all);
    }

    /** Adds or replaces (by name) every given profile in one atomic write. */
    public synchronized void putAll(List<Profile> profiles) {
        List<Profile> all = new ArrayList<>(list());
        for (Profile profile : profiles) {
            all.removeIf(p -> p.name().equals(profile.name()));
            all.add(profile);
        }
        writeAll(all);
    }

    /** Removes the profile; fails if there is none. */
    public synchronized void remove(String name) {
        List<Profile> all = new ArrayList<>(list());
        all.remove(indexOf(all, name));
        writeAll(all);
    }

    private static int indexOf(List<Profile> all, String name) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new BacktrackException("no profile named '" + name + "' (see 'backtrack profile list')");
    }

    private void writeAll(List<Profile> profiles) {
        List<Profile> sorted = new ArrayList<>(profiles);
        sorted.sort(Comparator.comparing(Profile::name));
        try {
            AtomicFiles.write(file, toJson(sorted), false);
        } catch (IOException e) {
            throw new BacktrackException("cannot write the profiles file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The named profiles (all when {@code names} is empty) as a profiles document; profiles hold no secrets. */
    public byte[] export(List<String> names) {
        List<Profile> selected = names.isEmpty() ? list() : names.stream().map(this::get).toList();
        return toJson(selected);
    }

    /** Serializes profiles in the current file format (also the export format). */
    static byte[] toJson(List<Profile> profiles) {
        try {
            return JSON.writeValueAsBytes(new ProfilesFile(SCHEMA_VERSION, profiles));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("profiles cannot be serialized", e);
        }
    }

    /** Parses a profiles document (file or export), migrating older versions; {@code source} names it in errors. */
    static ProfilesFile parse(byte[] bytes, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw malformed(source, e);
        } catch (IOException e) {
            throw new BacktrackException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (!(root instanceof ObjectNode object) || !root.has("profiles")) {
            throw new BacktrackException(source + " is not a Backtrack profiles file (expected an object with \"profiles\")");
        }
        int version = ProfileMigrations.versionOf(object);
        try {
            if (version == SCHEMA_VERSION) {
                return JSON.readValue(bytes, ProfilesFile.class);
            }
            ObjectNode upgraded = ProfileMigrations.upgrade(object, Path.of(source));
            return JSON.treeToValue(upgraded, ProfilesFile.class);
        } catch (JsonProcessingException e) {
            throw malformed(source, e);
        } catch (IOException e) {
            throw new BacktrackException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static BacktrackException malformed(String source, JsonProcessingException e) {
        Throwable cause = e.getCause();
        String reason = cause instanceof BacktrackException be ? be.getMessage() : e.getOriginalMessage();
        reason = reason.lines().findFirst().orElse(reason);
        JsonLocation where = e.getLocation();
        String line = where != null && where.getLineNr() > 0 ? ", line " + where.getLineNr() : "";
        return new BacktrackException(source + line + ": " + reason + " (the file was left unchanged)");
    }
}
