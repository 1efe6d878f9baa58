package io.envwatch.district.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Surface water quality classes of GB 3838-2002; WORSE_THAN_V is 劣V. */
public enum WaterClass {
    I,
    II,
    III,
    IV,
    V,
    WORSE_THAN_V;

    @JsonValue
    public String wireName() {
        return this == WORSE_THAN_V ? "worse-than-V" : name();
    }

    @JsonCreator
    public static WaterClass fromWire(String name) {
        for (WaterClass c : values()) {
            if (c.wireName().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "unknown water class '" + name + "' (expected I, II, III, IV, V or worse-than-V)");
    }
}
