package io.envwatch.district.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a sensor site measures; decides which quantities it may report. */
public enum SiteKind {
    NOISE,
    ODOUR,
    WATER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SiteKind fromWire(String name) {
        for (SiteKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown site kind '" + name + "' (expected noise, odour or water)");
    }
}
