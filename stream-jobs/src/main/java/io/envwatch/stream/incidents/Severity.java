package io.envwatch.stream.incidents;

/**
 * How urgently the duty room should act. One step up for each aggravating fact: residential
 * buildings within range, night time, a large margin over the limit, and complaints that the
 * sensors corroborate; CRITICAL is the top.
 */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    public static Severity of(boolean nearHomes, boolean night, boolean largeMargin, boolean complainedAbout) {
        int steps = (nearHomes ? 1 : 0) + (night ? 1 : 0) + (largeMargin ? 1 : 0) + (complainedAbout ? 1 : 0);
        return values()[Math.min(steps, CRITICAL.ordinal())];
    }
}
