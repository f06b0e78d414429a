package dev.handoffrail.core.webhook;

/**
 * Protects webhook secrets at rest: stores call {@link #seal} before writing and {@link #open} after reading.
 * Implementations are thread-safe. {@link #NONE} stores secrets as they are (for in-memory use and for
 * development without a configured key).
 */
public interface SecretCipher {
    SecretCipher NONE = new SecretCipher() {
        @Override
        public String seal(String plaintext) {
            return plaintext;
        }

        @Override
        public String open(String stored) {
            return stored;
        }
    };

    String seal(String plaintext);

    /** The plaintext of a value {@link #seal} produced; throws IllegalStateException when it cannot. */
    String open(String stored);
}
