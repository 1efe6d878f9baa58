package io.envwatch.district.registry;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where day and night begin, in the district's own time zone: local governments may move the
 * hours, and the server's clock zone must never decide it.
 */
public record LocalTimeRules(String zone, String dayStart, String nightStart) implements Serializable {
    public static final LocalTimeRules DEFAULT = new LocalTimeRules("Asia/Shanghai", "06:00", "22:00");

    /** How a person reads a time everywhere EnvWatch shows one: the district's wall clock, one format. */
    public static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    /** An instant as the district's wall clock shows it, "2026-11-28 19:40:05". */
    public static String wallClock(long epochMillis, ZoneId zone) {
        return WALL_CLOCK.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

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
        // Asked for every noise reading: the parsed zone and hours are kept, not parsed again, and
        // the rules of the last registry asked are found by identity before any hashing.
        Parsed p = last;
        if (p == null || p.rules() != this) {
            p = PARSED.computeIfAbsent(
                    this,
                    r -> new Parsed(
                            r,
                            r.zoneId(),
                            r.dayStartTime().toSecondOfDay() * 1000L,
                            r.nightStartTime().toSecondOfDay() * 1000L));
            last = p;
        }
        long offset =
                p.zone().getRules().getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds() * 1000L;
        long t = Math.floorMod(epochMillis + offset, 86_400_000L);
        if (p.day() < p.night()) {
            return t < p.day() || t >= p.night();
        }
        return t >= p.night() && t < p.day();
    }

    /** Day and night start as milliseconds of the local day. */
    private record Parsed(LocalTimeRules rules, ZoneId zone, long day, long night) {}

    private static volatile Parsed last;

    /** Bounded by the registries a JVM loads: one entry each. */
    private static final Map<LocalTimeRules, Parsed> PARSED = new ConcurrentHashMap<>();
}
