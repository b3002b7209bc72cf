package dev.backtrack.profile;

/**
 * Supplies the passphrase of the encrypted secret file, as a fresh array the caller wipes.
 * {@code creating} is true when the file does not exist yet, so a prompt can ask twice.
 */
@FunctionalInterface
public interface PassphraseSource {
    char[] passphrase(boolean creating);

    /**
     * The last passphrase did not open the file: a source that remembers passphrases must forget it, so
     * the next access asks again instead of repeating a wrong one.
     */
    default void rejected() {
    }

    static PassphraseSource fixed(String passphrase) {
        return creating -> passphrase.toCharArray();
    }
}
