package io.envwatch.alerting.store;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.query.InfluxQLQueryResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The duty service's one way to read InfluxDB: an InfluxQL query (InfluxDB 1.x, or 2.x through its
 * v1 endpoint) and its rows as column maps, tags and "time" included. Blocking: call it from a worker.
 */
public final class InfluxQlRows {
    private final InfluxDBClient client;
    private final String database;

    public InfluxQlRows(InfluxDBClient client, String database) {
        this.client = client;
        this.database = database;
    }

    public List<Map<String, Object>> query(String influxQl) {
        InfluxQLQueryResult result = client.getInfluxQLQueryApi().queryJSON(new InfluxQLQuery(influxQl, database));
        List<Map<String, Object>> rows = new ArrayList<>();
        if (result == null) {
            return rows;
        }
        for (InfluxQLQueryResult.Result r : result.getResults()) {
            for (InfluxQLQueryResult.Series series : r.getSeries()) {
                for (InfluxQLQueryResult.Series.Record record : series.getValues()) {
                    Map<String, Object> row = new LinkedHashMap<>(series.getTags());
                    series.getColumns().forEach((column, index) -> row.put(column, record.getValues()[index]));
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    public static String text(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : value.toString();
    }

    /** A numeric column, or null when the point has no such field. */
    public static Double number(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : Double.valueOf(value.toString());
    }

    /** A comma-separated text column as a list. */
    public static List<String> list(Map<String, Object> row, String column) {
        String text = text(row, column);
        return text == null || text.isEmpty() ? List.of() : List.of(text.split(","));
    }
}
