package io.envwatch.stream.storage;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.envwatch.ingest.readings.DeadLetter;
import io.envwatch.ingest.readings.Quantity;
import io.envwatch.ingest.readings.Reading;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.ingest.registry.Site;
import io.envwatch.stream.alerts.DutyAlert;
import io.envwatch.stream.complaints.ComplaintOutcome;
import io.envwatch.stream.complaints.RepeatCase;
import io.envwatch.stream.incidents.Incident;
import io.envwatch.stream.late.LateReadings;
import io.envwatch.stream.noise.LaeqInterval;
import io.envwatch.stream.odour.ConcentrationInterval;
import io.envwatch.stream.river.Attribution;
import io.envwatch.stream.river.PhosphorusMean;
import io.envwatch.stream.river.StationDay;
import io.envwatch.stream.river.StationMonth;
import io.envwatch.stream.river.PhosphorusReading;
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
    public static final String NOISE_LAEQ = "noise_laeq";
    public static final String ODOUR_INTERVAL = "odour_interval";
    public static final String TP_MEAN = "tp_mean";
    public static final String TP_CLASS = "tp_class";
    public static final String INCIDENT = "incident";
    public static final String LATE_READING = "late_reading";
    public static final String TP_MONTH = "tp_month";
    public static final String COMPLAINT = "complaint";
    public static final String REPEAT_CASE = "repeat_case";
    public static final String TP_DAY = "tp_day";
    public static final String TP_ATTRIBUTION = "tp_attribution";

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
                .addField("severity", a.severity == null ? "" : a.severity)
                .addField("buildings", a.buildings == null ? "" : a.buildings)
                .addField("complaints", a.complaints == null ? "" : a.complaints)
                .time(a.openedAt * 1_000_000L, WritePrecision.NS)
                .toLineProtocol();
    }

    public static String laeq(LaeqInterval i) {
        return Point.measurement(NOISE_LAEQ)
                .addTag("site", i.site)
                .addTag("town", i.town)
                .addTag("interval", i.interval)
                .addField("laeq", i.laeq)
                .addField("lmax", i.lmax)
                .addField("limit", i.limit)
                .addField("margin", Math.round(i.margin() * 100) / 100.0)
                .addField("n", i.count)
                .addField("period", i.period)
                .time(i.start * 1_000_000L, WritePrecision.NS)
                .toLineProtocol();
    }

    public static String odourInterval(ConcentrationInterval i) {
        return Point.measurement(ODOUR_INTERVAL)
                .addTag("site", i.site)
                .addTag("town", i.town)
                .addTag("quantity", i.quantity)
                .addField("mean", i.mean)
                .addField("max", i.max)
                .addField("limit", i.limit)
                .addField("n", i.count)
                .time(i.start * 1_000_000L, WritePrecision.NS)
                .toLineProtocol();
    }

    public static String phosphorusMean(PhosphorusMean m) {
        return Point.measurement(TP_MEAN)
                .addTag("site", m.site)
                .addTag("station", m.station)
                .addTag("town", m.town)
                .addField("mean", m.mean)
                .addField("n", m.count)
                .addField("class", m.waterClass)
                .addField("target_class", m.targetClass)
                .addField("limit", m.limit)
                .time(m.start * 1_000_000L, WritePrecision.NS)
                .toLineProtocol();
    }

    public static String phosphorusClass(PhosphorusReading p) {
        return Point.measurement(TP_CLASS)
                .addTag("site", p.site)
                .addTag("station", p.station)
                .addField("value", p.value)
                .addField("class", p.waterClass)
                .time(p.timestamp * 1_000_000L, WritePrecision.NS)
                .toLineProtocol();
    }

    /**
     * One point per complaint at its observed time (plus a sub-millisecond part from its id), with its
     * outcome. No personal data: the contact never reaches the job.
     */
    public static String complaint(ComplaintOutcome o) {
        var c = o.complaint;
        return Point.measurement(COMPLAINT)
                .addTag("category", c.category)
                .addTag("town", c.town == null ? "unknown" : c.town)
                .addTag("channel", c.channel == null ? "unknown" : c.channel)
                .addField("id", c.id)
                .addField("lat", c.lat)
                .addField("lon", c.lon)
                .addField("building", c.building == null ? "" : c.building)
                .addField("external_ref", c.externalRef == null ? "" : c.externalRef)
                .addField("description", c.description == null ? "" : c.description)
                .addField("received_at", c.receivedAt)
                .addField("outcome", o.outcome)
                // 1 or 0, so a board's mean() is the corroboration rate.
                .addField("corroborated", ComplaintOutcome.CORROBORATED.equals(o.outcome) ? 1 : 0)
                .addField("reason", o.reason)
                .addField("evidence", String.join("; ", o.evidence))
                .time(c.observedAt * 1_000_000L + Math.floorMod(c.id.hashCode(), 1_000_000), WritePrecision.NS)
                .toLineProtocol();
    }

    /** One point per repeat case at its first complaint; updates overwrite it. */
    public static String repeatCase(RepeatCase c) {
        return Point.measurement(REPEAT_CASE)
                .addTag("place", c.place)
                .addTag("category", c.category)
                .addTag("town", c.town == null ? "unknown" : c.town)
                .addField("id", c.id)
                .addField("state", c.state)
                .addField("count", c.count)
                .addField("corroborated", c.corroborated)
                .addField("last", c.last)
                .addField("complaints", String.join(",", c.complaints))
                .addField("incidents", String.join(",", c.incidents))
                .time(c.first * 1_000_000L, WritePrecision.NS)
                .toLineProtocol();
    }

    /** One point per sample: the month's evolution (budget, missing samples) is the series. */
    public static String stationMonth(StationMonth m) {
        Point point = Point.measurement(TP_MONTH)
                .addTag("site", m.site)
                .addTag("station", m.station)
                .addTag("month", m.month)
                .addField("samples", m.samples)
                .addField("mean", m.mean)
                .addField("class", m.waterClass)
                .addField("target_class", m.targetClass)
                .addField("limit", m.limit)
                .addField("margin", m.margin)
                .addField("expected_so_far", m.expectedSoFar)
                .addField("missing", m.missing)
                .addField("expected_remaining", m.expectedRemaining)
                .addField("budget_state", m.budgetState)
                .addField("insufficient", m.insufficient)
                .addField("closed", m.closed)
                .time(m.timestamp * 1_000_000L, WritePrecision.NS);
        if (!Double.isNaN(m.budget)) {
            point.addField("budget", m.budget);
        }
        return point.toLineProtocol();
    }

    public static String stationDay(StationDay d) {
        return Point.measurement(TP_DAY)
                .addTag("site", d.site)
                .addTag("station", d.station)
                .addField("mean", d.mean)
                .addField("samples", d.samples)
                .addField("class", d.waterClass)
                .addField("limit", d.limit)
                .time(d.day * 1_000_000L, WritePrecision.NS)
                .toLineProtocol();
    }

    public static String attribution(Attribution a) {
        return Point.measurement(TP_ATTRIBUTION)
                .addTag("section", a.section)
                .addField("leading", a.leading == null ? "" : a.leading)
                .addField("section_value", a.sectionValue)
                .addField("baseline", a.baseline)
                .addField("rise", a.rise)
                .addField("ranking", String.join(",", a.ranking))
                .addField("suspects", String.join(";", a.suspects))
                .time(a.timestamp * 1_000_000L, WritePrecision.NS)
                .toLineProtocol();
    }

    /** Keyed by site and rule at the start: every update of an incident overwrites its point. */
    public static String incident(Incident i) {
        return Point.measurement(INCIDENT)
                .addTag("site", i.site)
                .addTag("town", i.town)
                .addTag("team", i.team)
                .addTag("rule", i.rule)
                .addField("id", i.id)
                .addField("state", i.state)
                .addField("quantity", i.quantity)
                .addField("unit", i.unit)
                .addField("end", i.end)
                .addField("peak", i.peak)
                .addField("latest", i.latest)
                .addField("limit", i.limit)
                .addField("period", i.period)
                .addField("severity", i.severity)
                .addField("buildings", String.join(",", i.buildings))
                .addField("nearest_building_m", i.nearestBuildingMetres)
                .addField("evidence", String.join(",", i.evidence))
                .addField("complaints", String.join(",", i.complaints))
                .time(i.start * 1_000_000L, WritePrecision.NS)
                .toLineProtocol();
    }

    public static String lateReading(LateReadings.LateReading late) {
        return Point.measurement(LATE_READING)
                .addTag("site", late.reading.site)
                .addTag("quantity", late.reading.quantity)
                .addTag("rule", late.rule)
                .addField("value", late.reading.value)
                .time(late.reading.timestamp * 1_000_000L, WritePrecision.NS)
                .toLineProtocol();
    }
}
