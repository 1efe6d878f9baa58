package io.envwatch.alerting.alerts;

import static io.envwatch.alerting.store.InfluxQlRows.list;
import static io.envwatch.alerting.store.InfluxQlRows.number;
import static io.envwatch.alerting.store.InfluxQlRows.text;

import io.envwatch.alerting.store.InfluxQlRows;
import java.util.List;
import java.util.Map;

/** Reads duty alerts. Blocking: call it from a worker, never from an event loop. */
public final class AlertQueries {
    private final InfluxQlRows influx;

    public AlertQueries(InfluxQlRows influx) {
        this.influx = influx;
    }

    public List<AlertView> find(AlertFilter filter) {
        return influx.query(filter.influxQl()).stream().map(AlertQueries::view).toList();
    }

    private static AlertView view(Map<String, Object> row) {
        return new AlertView(text(row, "id"), text(row, "state"), text(row, "kind"), text(row, "site"), text(row, "town"),
                text(row, "team"), text(row, "quantity"), orNaN(number(row, "value")), orNaN(number(row, "peak")),
                orNaN(number(row, "limit")), text(row, "period"), text(row, "time"),
                number(row, "updated_at") == null ? 0 : number(row, "updated_at").longValue(),
                text(row, "severity"), list(row, "buildings"));
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
