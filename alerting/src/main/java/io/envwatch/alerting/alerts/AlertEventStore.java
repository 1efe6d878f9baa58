package io.envwatch.alerting.alerts;

import static io.envwatch.alerting.store.InfluxQlRows.list;
import static io.envwatch.alerting.store.InfluxQlRows.number;
import static io.envwatch.alerting.store.InfluxQlRows.numberOrNaN;
import static io.envwatch.alerting.store.InfluxQlRows.text;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.envwatch.alerting.store.InfluxQlRows;
import io.envwatch.alerting.store.InfluxWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Alert events in InfluxDB, measurement {@code alert_event} (docs/influxdb-schema.md): tags town,
 * team, kind and action (bounded), everything else fields. Each event has its own nanosecond
 * timestamp, so no two events ever share a point. Blocking.
 */
public final class AlertEventStore {
    public static final String MEASUREMENT = "alert_event";

    private final InfluxQlRows reads;
    private final InfluxWrites writes;

    public AlertEventStore(InfluxQlRows reads, InfluxWrites writes) {
        this.reads = reads;
        this.writes = writes;
    }

    /** Stores one event; {@code about} is the incident the alert is about, for its tags. */
    public void append(AlertEvent e, IncidentSnapshot about) {
        writes.write(line(e, about));
    }

    static String line(AlertEvent e, IncidentSnapshot about) {
        Point p = Point.measurement(MEASUREMENT)
                .addTag("town", about.town())
                .addTag("team", about.team())
                .addTag("kind", about.kind())
                .addTag("action", e.action().wireName())
                .addField("alert", e.alertId())
                .addField("state", e.state().wireName())
                .addField("severity", e.severity())
                .addField("actor", e.actor())
                .time(e.timeNs(), WritePrecision.NS);
        optional(p, "code", e.code());
        optional(p, "note", e.note());
        optional(p, "breach", e.breach());
        IncidentSnapshot s = e.incident();
        if (s != null) {
            p.addField("incident", s.incidentId())
                    .addField("site", s.site())
                    .addField("quantity", s.quantity())
                    .addField("period", s.period())
                    .addField("incident_severity", s.severity())
                    .addField("buildings", String.join(",", s.buildings()))
                    .addField("complaints", String.join(",", s.complaints()))
                    .addField("incident_start", s.start())
                    .addField("incident_active", s.active());
            optional(p, "repeat_case", s.repeatCase());
            finite(p, "value", s.value());
            finite(p, "peak", s.peak());
            finite(p, "limit", s.limit());
        }
        return p.toLineProtocol();
    }

    /** InfluxDB stores no NaN: a missing number stays missing. */
    static void finite(Point p, String field, double value) {
        if (Double.isFinite(value)) {
            p.addField(field, value);
        }
    }

    private static void optional(Point p, String field, String value) {
        if (value != null) {
            p.addField(field, value);
        }
    }

    /** Every stored event, oldest first: what the service folds into its alerts when it starts. */
    public List<AlertEvent> loadAll() {
        List<AlertEvent> events = new ArrayList<>();
        for (Map<String, Object> row : reads.query("SELECT * FROM \"" + MEASUREMENT + "\" ORDER BY time ASC")) {
            events.add(event(row));
        }
        return events;
    }

    private static AlertEvent event(Map<String, Object> row) {
        Instant time = Instant.parse(text(row, "time"));
        IncidentSnapshot s = null;
        if (text(row, "incident") != null) {
            s = new IncidentSnapshot(text(row, "incident"), text(row, "kind"), text(row, "site"), text(row, "town"),
                    text(row, "team"), text(row, "quantity"), numberOrNaN(row, "value"), numberOrNaN(row, "peak"),
                    numberOrNaN(row, "limit"), text(row, "period"), text(row, "incident_severity"), list(row, "buildings"),
                    list(row, "complaints"), number(row, "incident_start").longValue(),
                    Boolean.parseBoolean(text(row, "incident_active")), text(row, "repeat_case"));
        }
        return new AlertEvent(time.getEpochSecond() * 1_000_000_000L + time.getNano(), text(row, "alert"),
                AlertAction.fromWire(text(row, "action")).orElseThrow(() -> new IllegalStateException(
                        "unknown alert action " + text(row, "action") + " stored at " + time)),
                text(row, "actor"),
                AlertState.fromWire(text(row, "state")).orElseThrow(() -> new IllegalStateException(
                        "unknown alert state " + text(row, "state") + " stored at " + time)),
                text(row, "severity"), s, text(row, "code"), text(row, "note"), text(row, "breach"));
    }
}
