package dev.backtrack.profile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.BacktrackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fallback where no OS keychain is usable: all secrets in one AES-256-GCM encrypted file, the key
 * derived from a passphrase with PBKDF2-HMAC-SHA256 and a random salt. The passphrase is asked for on
 * first use (never stored); each save uses a fresh IV and replaces the file atomically.
 */
public final class EncryptedFileSecretStore implements SecretStore {
    static final int ITERATIONS = 210_000;
    private static final int KEY_BITS = 256;
    private static final int TAG_BITS = 128;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final PassphraseSource passphrase;
    private SecretKey key;
    private byte[] salt;
    private Map<String, String> secrets;

    public EncryptedFileSecretStore(Path file, PassphraseSource passphrase) {
        this.file = file;
        this.passphrase = passphrase;
    }

    public Path file() {
        return file;
    }

    @Override
    public Optional<String> read(String profile, SecretKind kind) {
        synchronized (this) {
            if (secrets == null && !Files.exists(file)) {
                return Optional.empty();
            }
        }
        return withSecrets(secrets -> Optional.ofNullable(secrets.get(SecretStore.account(profile, kind))));
    }

    @Override
    public void write(String profile, SecretKind kind, String value) {
        withSecrets(secrets -> {
            secrets.put(SecretStore.account(profile, kind), value);
            save();
            return null;
        });
    }

    @Override
    public void delete(String profile, SecretKind kind) {
        synchronized (this) {
            if (secrets == null && !Files.exists(file)) {
                return;
            }
        }
        withSecrets(secrets -> {
            if (secrets.remove(SecretStore.account(profile, kind)) != null) {
                save();
            }
            return null;
        });
    }

    /**
     * Runs {@code action} on the opened secrets, under this store's lock. The passphrase is asked for outside the
     * lock: the desktop asks on its FX thread, which may itself read a secret while a background job waits for the
     * answer; holding the lock while asking would leave both waiting for each other.
     */
    private <T> T withSecrets(java.util.function.Function<Map<String, String>, T> action) {
        char[] phrase = null;
        try {
            while (true) {
                boolean creating;
                synchronized (this) {
                    if (secrets != null) {
                        return action.apply(secrets);
                    }
                    if (phrase != null) {
                        open(phrase);
                        return action.apply(secrets);
                    }
                    creating = !Files.exists(file);
                }
                phrase = passphrase.passphrase(creating);
                if (phrase == null || phrase.length == 0) {
                    throw new BacktrackException("the encrypted secret file needs a non-empty passphrase");
                }
            }
        } finally {
            if (phrase != null) {
                Arrays.fill(phrase, '\0');
            }
        }
    }

    @Override
    public String description() {
        return "the encrypted file " + file;
    }

    /** Opens the file with the passphrase (or starts a new one); call holding the lock. */
    private void open(char[] phrase) {
        try {
            if (!Files.exists(file)) {
                salt = new byte[16];
                RANDOM.nextBytes(salt);
                key = deriveKey(phrase, salt, ITERATIONS);
                secrets = new TreeMap<>();
                return;
            }
            ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
            salt = Base64.getDecoder().decode(root.path("salt").asText());
            byte[] iv = Base64.getDecoder().decode(root.path("iv").asText());
            byte[] data = Base64.getDecoder().decode(root.path("data").asText());
            int iterations = root.path("iterations").asInt(ITERATIONS);
            key = deriveKey(phrase, salt, iterations);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] plain = cipher.doFinal(data);
            try {
                secrets = new TreeMap<>(JSON.readValue(plain, new TypeReference<Map<String, String>>() { }));
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        } catch (AEADBadTagException e) {
            key = null;
            passphrase.rejected();
            throw new BacktrackException("the passphrase does not open " + file + " (wrong passphrase or damaged file)");
        } catch (IOException | GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new BacktrackException("cannot read the encrypted secret file " + file + ": " + e.getMessage(), e);
        }
    }

    private void save() {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] plain = JSON.writeValueAsBytes(secrets);
            byte[] data;
            try {
                data = cipher.doFinal(plain);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
            ObjectNode root = JSON.createObjectNode();
            root.put("format", "backtrack-secrets");
            root.put("version", 1);
            root.put("cipher", "AES-256-GCM");
            root.put("kdf", "PBKDF2WithHmacSHA256");
            root.put("iterations", ITERATIONS);
            root.put("salt", Base64.getEncoder().encodeToString(salt));
            root.put("iv", Base64.getEncoder().encodeToString(iv));
            root.put("data", Base64.getEncoder().encodeToString(data));
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), true);
        } catch (IOException | GeneralSecurityException e) {
            throw new BacktrackException("cannot write the encrypted secret file " + file + ": " + e.getMessage(), e);
        }
    }

    private static SecretKey deriveKey(char[] phrase, byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(phrase, salt, iterations, KEY_BITS);
        try {
            byte[] raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new SecretKeySpec(raw, "AES");
        } finally {
            spec.clearPassword();
        }
    }
}
