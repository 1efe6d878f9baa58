package io.envwatch.stream.incidents;

/**
 * How urgently the duty room should act. One step up for each aggravating fact: residential
 * buildings within range, night time, and a large margin over the limit.
 */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public static Severity of(boolean nearHomes, boolean night, boolean largeMargin) {
        int steps = (nearHomes ? 1 : 0) + (night ? 1 : 0) + (largeMargin ? 1 : 0);
        return values()[steps];
    }
}
