package io.envwatch.stream.readings;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.registry.LocalTimeRules;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.SiteKind;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * How long a reading's identity matters: until event time has passed the last period any rule can
 * still count it in. A copy that comes later can change no figure that counts readings: every
 * interval it belongs to has closed and it is a late reading for each.
 *
 * <ul>
 *   <li>noise: the shortest LAeq interval that holds it (PT1M by default), aligned to local time as
 *       {@code SiteNoise} cuts them: the longer ones are cut from the shortest ones' energy, so a
 *       reading that comes after its shortest interval closed is counted in none;
 *   <li>odour pollutants: their mean interval (PT10M);
 *   <li>total phosphorus: its local month (the month to date takes a late sample of the month at
 *       once, and ignores samples of a month already closed), or the last rolling mean window that
 *       holds it if that ends later;
 *   <li>anything else: the reading's own time, as far as the rules that hold readings in time order
 *       (night maximum, silence) wait;
 * </ul>
 * and never less than {@link #AT_LEAST} after the reading: a sender resends what the broker
 * acknowledged in its last minute ({@code ResendWindow}) once it has reconnected, and a copy taken
 * for a late reading would be listed in {@code late_reading} as one.
 */
public final class IdentityHorizon implements Serializable {
    private static final long serialVersionUID = 1L;
    /** A sender's resend window (60 s) and a reconnect of a few minutes, past event time's 2-min bound. */
    public static final long AT_LEAST = Duration.ofMinutes(5).toMillis();

    private final long noiseSize;
    private final long noiseOffset;
    private final long odourSize;
    private final long odourOffset;
    private final long tpWindow;
    private final long tpSlide;
    private final long tpOffset;
    private final ZoneId zone;

    public IdentityHorizon(Registry registry) {
        LocalTimeRules local = registry.localTime();
        Duration noise = registry.rules().noise().shortestInterval();
        this.noiseSize = noise.toMillis();
        this.noiseOffset = local.windowOffset(noise).toMillis();
        Duration odour = registry.rules().odour().intervalDuration();
        this.odourSize = odour.toMillis();
        this.odourOffset = local.windowOffset(odour).toMillis();
        Duration slide = registry.rules().phosphorus().slideDuration();
        this.tpWindow = registry.rules().phosphorus().windowDuration().toMillis();
        this.tpSlide = slide.toMillis();
        this.tpOffset = local.windowOffset(slide).toMillis();
        this.zone = local.zoneId();
    }

    /**
     * The event time from which a reading of {@code quantity} stamped {@code timestamp} is counted
     * by no rule any more: once the watermark is at or past it, its identity can be forgotten. Never
     * earlier than the timestamp, and never earlier for a later timestamp of the same quantity.
     */
    public long forgetAt(Quantity quantity, long timestamp) {
        long at = timestamp + AT_LEAST;
        if (quantity == Quantity.NOISE) {
            at = Math.max(at, lastOf(timestamp, noiseOffset, noiseSize));
        } else if (quantity.kind() == SiteKind.ODOUR) {
            at = Math.max(at, lastOf(timestamp, odourOffset, odourSize));
        } else if (quantity == Quantity.TP) {
            long lastWindow = TimeWindow.getWindowStartWithOffset(timestamp, tpOffset, tpSlide) + tpWindow - 1;
            at = Math.max(at, Math.max(lastWindow, monthEnd(timestamp) - 1));
        }
        return at;
    }

    /** The last millisecond of the tumbling interval of {@code size} that holds the timestamp: it closes there. */
    private static long lastOf(long timestamp, long offset, long size) {
        return TimeWindow.getWindowStartWithOffset(timestamp, offset, size) + size - 1;
    }

    private long monthEnd(long timestamp) {
        ZonedDateTime local = Instant.ofEpochMilli(timestamp).atZone(zone);
        return local.toLocalDate()
                .withDayOfMonth(1)
                .plusMonths(1)
                .atStartOfDay(zone)
                .toInstant()
                .toEpochMilli();
    }
}
