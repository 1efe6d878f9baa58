package io.envwatch.alerting.tips;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a tip's text and findings before they reach InfluxDB (AES-256-GCM, a fresh 96-bit nonce
 * per text): whoever can query the database, Grafana included, sees only ciphertext. The key is the
 * duty service's alone (docs/ledger.md).
 */
public final class Sealer {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public Sealer(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException(
                    "the tip key must be 32 bytes (base64 of 32 random bytes), not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public String seal(String text) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return "aesgcm:" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a tip", e);
        }
    }

    /** The text, or a refusal when the key is not the one it was sealed with (or the text was altered). */
    public String open(String sealed) {
        if (sealed == null || !sealed.startsWith("aesgcm:")) {
            throw new IllegalArgumentException("not a sealed text");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring("aesgcm:".length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a tip text does not open with this key: was the tip key changed?", e);
        }
    }
}
