package io.envwatch.alerting.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds the person behind a bearer token, by the token's SHA-256. */
public final class StaffDirectory {
    private final Map<String, Staff> byTokenHash;

    public StaffDirectory(List<Staff> staff) {
        this.byTokenHash =
                staff.stream().collect(Collectors.toUnmodifiableMap(Staff::tokenSha256, Function.identity()));
    }

    public Optional<Staff> byToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byTokenHash.get(sha256(token)));
    }

    /** The lower-case hex SHA-256 of a token, as the settings file holds it. */
    public static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
