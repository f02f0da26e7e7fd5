package io.scaffold.platform.privacy;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seals an identity for the suite's own services: AES-256-GCM with a fresh random nonce per seal, bound to a context
 * (the id of the thing it is about) as associated data. A system reading the topic without the key learns nothing,
 * not even that two seals name the same person; a seal copied into another request's event does not open.
 *
 * <p>Format: {@code v1.<key id>.<base64url(nonce ‖ ciphertext ‖ tag)>}; the key id (the first 8 characters of the
 * key's SHA-256, base64url) lets a service holding the previous keys open seals made before a rotation.
 */
@ApplicationScoped
public class SealedIds {
    private static final Logger LOG = Logger.getLogger(SealedIds.class);
    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SealedIdsConfig config;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String currentKeyId;

    public SealedIds(SealedIdsConfig config) {
        this.config = config;
        String current = config.key().filter(k -> !k.isBlank()).orElse(null);
        if (current == null && LaunchMode.current() != LaunchMode.NORMAL) {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            current = Base64.getEncoder().encodeToString(random); // dev and test only: this process's own key
        }
        currentKeyId = current == null ? null : add(current, "scaffold.sealed-ids.key");
        for (String previous : config.previousKeys().orElse(List.of())) {
            if (!previous.isBlank()) {
                add(previous.strip(), "scaffold.sealed-ids.previous-keys");
            }
        }
    }

    /** Outside the container: a sealer with these keys (tools and tests that play a service). */
    public static SealedIds withKeys(String key, List<String> previousKeys) {
        return new SealedIds(new SealedIdsConfig() {
            @Override
            public java.util.Optional<String> key() {
                return java.util.Optional.of(key);
            }

            @Override
            public java.util.Optional<List<String>> previousKeys() {
                return java.util.Optional.of(previousKeys);
            }

            @Override
            public boolean required() {
                return true;
            }
        });
    }

    void verify(@Observes StartupEvent started) {
        if (config.required() && config.key().filter(k -> !k.isBlank()).isEmpty()) {
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                throw new IllegalStateException("No key to seal anonymous identities with: set SCAFFOLD_SEALED_IDS_KEY"
                        + " to 32 random bytes in base64 (the same in requests-service and notifications-service)");
            }
            LOG.warn("scaffold.sealed-ids.key is not set: this process uses a random key of its own, so no other"
                    + " process can open its seals");
        }
    }

    /** @return {@code id} sealed for the suite, bound to {@code context} */
    public String seal(String id, String context) {
        if (currentKeyId == null) {
            throw new IllegalStateException("scaffold.sealed-ids.key is not set");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), nonce, context);
            byte[] sealed = cipher.doFinal(id.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return VERSION + "." + currentKeyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal: " + e.getMessage(), e);
        }
    }

    /**
     * @return the identity sealed in {@code sealed} for {@code context}
     * @throws UnreadableSealException when it is malformed, sealed with a key this service does not hold, altered,
     *                                 or sealed for another context
     */
    public String open(String sealed, String context) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new UnreadableSealException("not a v1 sealed id");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new UnreadableSealException("sealed with key " + parts[1] + ", which this service does not hold"
                    + " (add it to scaffold.sealed-ids.previous-keys)");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new UnreadableSealException("sealed id is not base64url");
        }
        if (raw.length <= NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableSealException("sealed id is too short");
        }
        try {
            byte[] nonce = java.util.Arrays.copyOfRange(raw, 0, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, context);
            return new String(cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new UnreadableSealException("sealed id does not open: altered, or sealed for another subject");
        }
    }

    private String add(String base64, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(setting + " must be 32 bytes (base64 of 32 random bytes), not "
                    + bytes.length);
        }
        String id = keyId(bytes);
        keys.putIfAbsent(id, new SecretKeySpec(bytes, "AES"));
        return id;
    }

    static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] nonce, String context)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A sealed id this service cannot open; the event carrying it cannot be applied until that changes. */
    public static class UnreadableSealException extends RuntimeException {
        public UnreadableSealException(String message) {
            super(message);
        }
    }
}
