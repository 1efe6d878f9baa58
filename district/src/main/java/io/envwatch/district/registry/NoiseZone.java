package io.envwatch.district.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Acoustic environment functional zones of GB 3096-2008; their limits are in the shipped table
 * (limits/regulatory-defaults.yaml), read through {@link io.envwatch.district.limits.SiteLimits}.
 */
public enum NoiseZone {
    ZONE_0("0"),
    ZONE_1("1"),
    ZONE_2("2"),
    ZONE_3("3"),
    ZONE_4A("4a"),
    ZONE_4B("4b");

    private final String wireName;

    NoiseZone(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
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
