package io.envwatch.stream.storage;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.envwatch.ingest.readings.DeadLetter;
import io.envwatch.ingest.readings.Quantity;
import io.envwatch.ingest.readings.Reading;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.ingest.registry.Site;
import io.envwatch.stream.alerts.DutyAlert;
import java.io.Serializable;
import java.util.Objects;

/**
 * The measurements EnvWatch writes, in one place (documented in docs/influxdb-schema.md). Tags are
 * bounded by the registry (sites, towns, teams, quantities) and enums (reasons, kinds); ids and
 * free text are fields. Timestamps are deterministic, so a replayed record overwrites its point.
 */
public final class InfluxSchema implements Serializable {
    public static final String READING = "reading";
    public static final String DEAD_LETTER = "dead_letter";
    public static final String DUTY_ALERT = "duty_alert";

    private final Registry registry;

    public InfluxSchema(Registry registry) {
        this.registry = registry;
    }

    public String reading(Reading r) {
        Site site = registry.site(r.site).orElseThrow(() -> new IllegalStateException("unvalidated site " + r.site));
        String kind = Quantity.fromWire(r.quantity).map(q -> q.kind().wireName()).orElse("unknown");
        return Point.measurement(READING)
                .addTag("site", r.site)
                .addTag("quantity", r.quantity)
                .addTag("kind", kind)
                .addTag("town", site.town())
                .addField("value", r.value)
                .time(r.timestamp * 1_000_000L, WritePrecision.NS)
                .toLineProtocol();
    }

    /**
     * Dead letters of one gateway and reason in the same millisecond would share a timestamp, so
     * the sub-millisecond part is taken from the letter's content and position.
     */
    public static String deadLetter(DeadLetter d) {
        long nanos = Math.floorMod(Objects.hash(d.topic, d.index, d.raw, d.detail), 1_000_000);
        return Point.measurement(DEAD_LETTER)
                .addTag("reason", d.reason)
                .addTag("gateway", d.gateway == null ? "unknown" : d.gateway)
                .addField("detail", d.detail)
                .addField("topic", d.topic == null ? "" : d.topic)
                .addField("sensor", d.sensor == null ? "" : d.sensor)
                .addField("index", d.index)
                .addField("raw", d.raw == null ? "" : d.raw)
                .time(d.receivedAt * 1_000_000L + nanos, WritePrecision.NS)
                .toLineProtocol();
    }

    /** Keyed by site and kind at the opening time: every update of an alert overwrites the same point. */
    public static String dutyAlert(DutyAlert a) {
        return Point.measurement(DUTY_ALERT)
                .addTag("site", a.site)
                .addTag("kind", a.kind)
                .addTag("town", a.town)
                .addTag("team", a.team)
                .addField("id", a.id)
                .addField("state", a.state)
                .addField("quantity", a.quantity)
                .addField("value", a.value)
                .addField("peak", a.peak)
                .addField("limit", a.limit)
                .addField("period", a.period)
                .addField("updated_at", a.updatedAt)
                .time(a.openedAt * 1_000_000L, WritePrecision.NS)
                .toLineProtocol();
    }
}
