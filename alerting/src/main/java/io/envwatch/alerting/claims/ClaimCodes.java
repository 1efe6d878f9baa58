package io.envwatch.alerting.claims;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Claim codes, for rewarded tips and for complaints: a public part (the tip's or complaint's id, to
 * find it) and a random secret of 100 bits shown once to the citizen. Only a salted PBKDF2 hash of the secret is stored, so neither the database nor
 * staff can produce a code, and a guess costs a hash. Hashing is slow on purpose: never on an event
 * loop.
 */
public final class ClaimCodes {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I
    private static final int SECRET_CHARS = 20;
    private static final int ITERATIONS = 60_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClaimCodes() {}

    /** A code and what may be stored of it. */
    public record Issued(String code, String storedHash) {}

    /** The id and secret of a code as given, or null when it is not shaped as a code at all. */
    public record Parts(String id, String secret) {}

    public static Issued issue(String id) {
        StringBuilder secret = new StringBuilder(SECRET_CHARS);
        for (int i = 0; i < SECRET_CHARS; i++) {
            secret.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String grouped = secret.substring(0, 5) + "-" + secret.substring(5, 10) + "-" + secret.substring(10, 15) + "-"
                + secret.substring(15);
        return new Issued(id + "." + grouped, "pbkdf2-sha256$" + ITERATIONS + "$" + b64(salt) + "$"
                + b64(hash(secret.toString(), salt, ITERATIONS)));
    }

    public static Parts parse(String code) {
        if (code == null) {
            return null;
        }
        String trimmed = code.strip();
        int dot = trimmed.lastIndexOf('.');
        if (dot <= 0 || trimmed.length() > 200) {
            return null;
        }
        // The secret is read forgivingly (case, dashes, spaces: people copy it by hand); the id exactly.
        String secret = trimmed.substring(dot + 1).replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        return secret.length() == SECRET_CHARS ? new Parts(trimmed.substring(0, dot), secret) : null;
    }

    /** Whether the secret matches the stored hash, in time that does not depend on where it differs. */
    public static boolean matches(String secret, String storedHash) {
        String[] p = storedHash.split("\\$");
        if (p.length != 4 || !p[0].equals("pbkdf2-sha256")) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(p[3]);
        return MessageDigest.isEqual(expected, hash(secret, Base64.getDecoder().decode(p[2]), Integer.parseInt(p[1])));
    }

    private static byte[] hash(String secret, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(secret.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}
