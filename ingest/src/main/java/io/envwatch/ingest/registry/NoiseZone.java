package io.envwatch.ingest.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Acoustic environment functional zones of GB 3096-2008, with their LAeq limits in dB(A). The
 * same figures bound an industrial boundary in a zone of that class (GB 12348-2008).
 */
public enum NoiseZone {
    ZONE_0("0", 50, 40),
    ZONE_1("1", 55, 45),
    ZONE_2("2", 60, 50),
    ZONE_3("3", 65, 55),
    ZONE_4A("4a", 70, 55),
    ZONE_4B("4b", 70, 60);

    private final String wireName;
    private final double dayLimit;
    private final double nightLimit;

    NoiseZone(String wireName, double dayLimit, double nightLimit) {
        this.wireName = wireName;
        this.dayLimit = dayLimit;
        this.nightLimit = nightLimit;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public double dayLimit() {
        return dayLimit;
    }

    public double nightLimit() {
        return nightLimit;
    }

    @JsonCreator
    public static NoiseZone fromWire(String name) {
        for (NoiseZone zone : values()) {
            if (zone.wireName.equalsIgnoreCase(name)) {
                return zone;
            }
        }
        throw new IllegalArgumentException("unknown noise zone class '" + name + "' (expected 0, 1, 2, 3, 4a or 4b)");
    }
}
