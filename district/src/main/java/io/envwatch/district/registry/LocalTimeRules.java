package io.envwatch.district.registry;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where day and night begin, in the district's own time zone: local governments may move the
 * hours, and the server's clock zone must never decide it.
 */
public record LocalTimeRules(String zone, String dayStart, String nightStart) implements Serializable {
    public static final LocalTimeRules DEFAULT = new LocalTimeRules("Asia/Shanghai", "06:00", "22:00");

    public ZoneId zoneId() {
        return ZoneId.of(zone == null ? DEFAULT.zone : zone);
    }

    public LocalTime dayStartTime() {
        return LocalTime.parse(dayStart == null ? DEFAULT.dayStart : dayStart);
    }

    public LocalTime nightStartTime() {
        return LocalTime.parse(nightStart == null ? DEFAULT.nightStart : nightStart);
    }

    /**
     * The offset that aligns event-time windows of this size to local midnight rather than UTC's
     * (an hourly interval then runs 21:00-22:00 local).
     */
    public Duration windowOffset(Duration size) {
        long offsetMillis = zoneId().getRules().getOffset(Instant.now()).getTotalSeconds() * 1000L;
        return Duration.ofMillis(Math.floorMod(-offsetMillis, size.toMillis()));
    }

    public boolean isNight(long epochMillis) {
        // Asked for every noise reading: the parsed zone and hours are kept, not parsed again.
        Parsed p = PARSED.computeIfAbsent(this, r -> new Parsed(r.zoneId(), r.dayStartTime(), r.nightStartTime()));
        LocalTime t = Instant.ofEpochMilli(epochMillis).atZone(p.zone()).toLocalTime();
        if (p.day().isBefore(p.night())) {
            return t.isBefore(p.day()) || !t.isBefore(p.night());
        }
        return !t.isBefore(p.night()) && t.isBefore(p.day());
    }

    private record Parsed(ZoneId zone, LocalTime day, LocalTime night) {}

    /** Bounded by the registries a JVM loads: one entry each. */
    private static final Map<LocalTimeRules, Parsed> PARSED = new ConcurrentHashMap<>();
}
