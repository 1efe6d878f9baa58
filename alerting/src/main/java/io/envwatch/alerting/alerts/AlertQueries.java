package io.envwatch.alerting.alerts;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.query.InfluxQLQueryResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads duty alerts with InfluxQL (InfluxDB 1.x, or 2.x through its v1 endpoint). Blocking: call
 * it from a worker, never from an event loop.
 */
public final class AlertQueries {
    private final InfluxDBClient client;
    private final String database;

    public AlertQueries(InfluxDBClient client, String database) {
        this.client = client;
        this.database = database;
    }

    public List<AlertView> find(AlertFilter filter) {
        InfluxQLQueryResult result = client.getInfluxQLQueryApi().queryJSON(new InfluxQLQuery(filter.influxQl(), database));
        List<AlertView> alerts = new ArrayList<>();
        if (result == null) {
            return alerts;
        }
        for (InfluxQLQueryResult.Result r : result.getResults()) {
            for (InfluxQLQueryResult.Series series : r.getSeries()) {
                for (InfluxQLQueryResult.Series.Record row : series.getValues()) {
                    alerts.add(new AlertView(
                            text(row, "id"), text(row, "state"), text(row, "kind"), text(row, "site"), text(row, "town"),
                            text(row, "team"), text(row, "quantity"), number(row, "value"), number(row, "peak"),
                            number(row, "limit"), text(row, "period"), text(row, "time"), (long) number(row, "updated_at"),
                            text(row, "severity"), list(text(row, "buildings"))));
                }
            }
        }
        return alerts;
    }

    private static String text(InfluxQLQueryResult.Series.Record row, String column) {
        Object value = row.getValueByKey(column);
        return value == null ? null : value.toString();
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isEmpty() ? List.of() : List.of(commaSeparated.split(","));
    }

    private static double number(InfluxQLQueryResult.Series.Record row, String column) {
        Object value = row.getValueByKey(column);
        return value == null ? Double.NaN : Double.parseDouble(value.toString());
    }
}
