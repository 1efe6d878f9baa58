package io.envwatch.district.readings;

import java.util.Optional;

/**
 * What the instrument says of a value, as HJ 212-2017 flags it: only a normal value is evidence a
 * rule may judge; the others are stored with their flag and counted (a noise station being
 * calibrated at night plays a test tone, which must not become a night-time alarm).
 */
public enum DataFlag {
    /** Normal. */
    N,
    /** The instrument is stopped. */
    F,
    /** Maintenance. */
    M,
    /** Set by hand. */
    S,
    /** Fault. */
    D,
    /** Calibration. */
    C,
    /** Over the instrument's upper limit. */
    T,
    /** Communication fault. */
    B;

    public static Optional<DataFlag> fromWire(String text) {
        if (text == null || text.length() != 1) {
            return Optional.empty();
        }
        for (DataFlag f : values()) {
            if (f.name().charAt(0) == text.charAt(0)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Whether a rule may judge a value so flagged: {@code null} on a reading means normal. */
    public static boolean isEvidence(String flag) {
        return flag == null || N.name().equals(flag);
    }
}
