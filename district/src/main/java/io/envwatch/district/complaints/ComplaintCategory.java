package io.envwatch.district.complaints;

import io.envwatch.district.WireName;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What a complaint is about; the wire and stored name is the lower-case word. */
public enum ComplaintCategory implements WireName {
    ODOUR,
    NOISE,
    WATER,
    OTHER;

    public static final Set<String> WIRE_NAMES =
            Arrays.stream(values()).map(ComplaintCategory::wireName).collect(Collectors.toUnmodifiableSet());

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ComplaintCategory> fromWire(String name) {
        return WireName.lookup(ComplaintCategory.class, name);
    }
}
