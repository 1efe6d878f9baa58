package io.envwatch.district.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The columns of GB 14554-93's factory-boundary table a site is judged against. */
public enum OdourClass {
    CLASS_1("1"),
    CLASS_2_NEW("2-new"),
    CLASS_2_EXISTING("2-existing"),
    CLASS_3_NEW("3-new"),
    CLASS_3_EXISTING("3-existing");

    private final String wireName;

    OdourClass(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static OdourClass fromWire(String name) {
        for (OdourClass c : values()) {
            if (c.wireName.equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "unknown odour class '" + name + "' (expected 1, 2-new, 2-existing, 3-new or 3-existing)");
    }
}
