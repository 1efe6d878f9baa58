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
    private static final int ID_CHARS = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * What a code whose id is unknown is checked against: the same work as a known id's wrong
     * secret, so that the answer's time does not tell whether the id exists.
     */
    private static final String NOTHING = issue("none").storedHash();

    private ClaimCodes() {}

    /**
     * A new public id: the prefix and 60 random bits, nothing of the time (an id made of its
     * receipt time can be guessed, and matched to a proxy's log line of the filer's address).
     */
    public static String newId(String prefix) {
        return prefix + random(ID_CHARS);
    }

    private static String random(int chars) {
        StringBuilder out = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    /** A code and what may be stored of it. */
    public record Issued(String code, String storedHash) {}

    /** The id and secret of a code as given, or null when it is not shaped as a code at all. */
    public record Parts(String id, String secret) {}

    public static Issued issue(String id) {
        String secret = random(SECRET_CHARS);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String grouped = secret.substring(0, 5) + "-" + secret.substring(5, 10) + "-" + secret.substring(10, 15) + "-"
                + secret.substring(15);
        return new Issued(
                id + "." + grouped,
                "pbkdf2-sha256$" + ITERATIONS + "$" + b64(salt) + "$" + b64(hash(secret.toString(), salt, ITERATIONS)));
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
        String secret =
                trimmed.substring(dot + 1).replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        return secret.length() == SECRET_CHARS ? new Parts(trimmed.substring(0, dot), secret) : null;
    }

    /**
     * Whether the secret matches the stored hash, in time that depends neither on where it differs
     * nor on whether there is a hash at all ({@code null}: the id is unknown, and the same hash is
     * computed against nothing).
     */
    public static boolean matches(String secret, String storedHash) {
        if (storedHash == null) {
            check(secret, NOTHING);
            return false;
        }
        return check(secret, storedHash);
    }

    private static boolean check(String secret, String storedHash) {
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
                    .generateSecret(new PBEKeySpec(secret.toCharArray(), salt, iterations, 256))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}
