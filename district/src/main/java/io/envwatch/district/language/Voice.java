package io.envwatch.district.language;

import io.envwatch.district.registry.LocalTimeRules;
import java.time.ZoneId;

/**
 * How the district speaks when it speaks first (notifications, messages sent to a phone): its
 * language, and its wall clock for every time it names.
 */
public record Voice(Language language, ZoneId zone) {

    public Words words() {
        return Words.of(language);
    }

    /** An instant on the district's wall clock, in the one format people read everywhere. */
    public String wallClock(long epochMillis) {
        return LocalTimeRules.wallClock(epochMillis, zone);
    }
}
