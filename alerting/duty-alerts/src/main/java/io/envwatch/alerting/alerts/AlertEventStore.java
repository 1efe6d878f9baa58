package io.envwatch.alerting.alerts;

import io.envwatch.alerting.events.EventStore;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.district.WireName;
import io.envwatch.district.schema.AlertEventPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Alert events in InfluxDB, as the district schema's {@link AlertEventPoint}: tags town, team,
 * kind and action (bounded), everything else fields. Each event has its own nanosecond timestamp,
 * so no two events ever share a point. Blocking.
 */
public final class AlertEventStore {
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

    /** As its log's store: an event's tags are its incident's, or its alert's when it carries none. */
    EventStore<AlertEvent> about(AlertBook book) {
        return new EventStore<>() {
            @Override
            public void append(AlertEvent e) {
                AlertEventStore.this.append(
                        e,
                        e.incident() != null
                                ? e.incident()
                                : book.get(e.alertId()).orElseThrow().incident());
            }

            @Override
            public List<AlertEvent> loadAll() {
                return AlertEventStore.this.loadAll();
            }
        };
    }

    static String line(AlertEvent e, IncidentSnapshot about) {
        AlertEventPoint.Incident incident =
                e.incident() == null ? null : e.incident().toEventIncident();
        return new AlertEventPoint(
                        about.town(),
                        about.team(),
                        about.kind(),
                        e.action().wireName(),
                        e.alertId(),
                        e.state().wireName(),
                        e.severity(),
                        e.actor(),
                        e.code(),
                        e.note(),
                        e.breach(),
                        e.room(),
                        incident,
                        e.timeNanos())
                .toLine();
    }

    /** Every stored event, oldest first: what the service folds into its alerts when it starts. */
    public List<AlertEvent> loadAll() {
        List<AlertEvent> events = new ArrayList<>();
        for (Row row : reads.rows(InfluxQl.selectAll(AlertEventPoint.MEASUREMENT) + " ORDER BY time ASC")) {
            events.add(event(AlertEventPoint.fromRow(row)));
        }
        return events;
    }

    private static AlertEvent event(AlertEventPoint p) {
        IncidentSnapshot s = IncidentSnapshot.of(p);
        String at = Instant.ofEpochSecond(0, p.timeNanos()).toString();
        return new AlertEvent(
                p.timeNanos(),
                p.alert(),
                WireName.stored(AlertAction.class, p.action(), at),
                p.actor(),
                WireName.stored(AlertState.class, p.state(), at),
                p.severity(),
                s,
                p.code(),
                p.note(),
                p.breach(),
                TownRoom.CITY.equals(p.room()) ? null : p.room());
    }
}
