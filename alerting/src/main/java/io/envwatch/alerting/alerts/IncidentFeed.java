package io.envwatch.alerting.alerts;

import static io.envwatch.alerting.store.InfluxQlRows.list;
import static io.envwatch.alerting.store.InfluxQlRows.number;
import static io.envwatch.alerting.store.InfluxQlRows.text;

import io.envwatch.alerting.store.InfluxQlRows;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads the incidents the stream job keeps in {@code duty_alert}: one point per incident, at its
 * opening time, overwritten as it changes. Blocking.
 */
public final class IncidentFeed {
    private final InfluxQlRows reads;

    public IncidentFeed(InfluxQlRows reads) {
        this.reads = reads;
    }

    /** Incidents that opened at or after {@code since}, oldest first. */
    public List<IncidentSnapshot> since(Instant since) {
        return reads.query("SELECT * FROM \"duty_alert\" WHERE time >= '" + since + "' ORDER BY time ASC").stream()
                .map(IncidentFeed::snapshot).toList();
    }

    private static IncidentSnapshot snapshot(Map<String, Object> row) {
        return new IncidentSnapshot(text(row, "id"), text(row, "kind"), text(row, "site"), text(row, "town"),
                text(row, "team"), text(row, "quantity"), orNaN(number(row, "value")), orNaN(number(row, "peak")),
                orNaN(number(row, "limit")), text(row, "period"), text(row, "severity"), list(row, "buildings"),
                list(row, "complaints"), Instant.parse(text(row, "time")).toEpochMilli(), "open".equals(text(row, "state")));
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
