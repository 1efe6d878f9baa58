package io.envwatch.ingest.simulator;

import io.envwatch.district.readings.Quantity;
import java.time.Duration;

/**
 * A scripted episode: from {@code start} after the simulator starts and for {@code duration}, the
 * site reports {@code level} (plus sensor noise) for the quantity instead of its normal pattern.
 */
public record Scenario(String name, String site, Quantity quantity, Duration start, Duration duration, double level) {

    public boolean activeAt(long sinceStartMillis) {
        return sinceStartMillis >= start.toMillis()
                && sinceStartMillis < start.plus(duration).toMillis();
    }
}
