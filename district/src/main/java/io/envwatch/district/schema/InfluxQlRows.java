package io.envwatch.district.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way EnvWatch's processes read InfluxDB (the duty service, the demo, the benchmarks): an InfluxQL query on the v1 {@code /query} endpoint
 * (1.x, or 2.x through a DBRP mapping) and its rows as column maps, tags and "time" (RFC 3339)
 * included. Read with Jackson rather than influxdb-client-java, whose InfluxQL reader fails on a
 * null column (influxdb-client-java#808), and rows of events with different fields have them.
 * Blocking: call it from a worker.
 */
public final class InfluxQlRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final InfluxSettings connection;

    public InfluxQlRows(InfluxSettings connection) {
        this.connection = connection;
    }

    public List<Map<String, Object>> query(String influxQl) {
        JsonNode body;
        try {
            body = JSON.readTree(InfluxHttp.send(connection, connection.query(influxQl), null));
        } catch (IOException e) {
            throw new UncheckedIOException("InfluxDB sent a body that is not JSON", e);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode result : body.path("results")) {
            if (result.hasNonNull("error")) {
                throw new IllegalStateException(
                        "InfluxDB refused the query: " + result.get("error").asText());
            }
            for (JsonNode series : result.path("series")) {
                Map<String, Object> tags = new LinkedHashMap<>();
                series.path("tags")
                        .fields()
                        .forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
                JsonNode columns = series.path("columns");
                for (JsonNode values : series.path("values")) {
                    Map<String, Object> row = new LinkedHashMap<>(tags);
                    for (int i = 0; i < columns.size(); i++) {
                        JsonNode v = values.get(i);
                        row.put(
                                columns.get(i).asText(),
                                v == null || v.isNull()
                                        ? null
                                        : v.isNumber()
                                                ? v.numberValue()
                                                : v.isBoolean() ? v.booleanValue() : v.asText());
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** A {@code SELECT count(...)}'s answer; 0 when nothing matched. */
    public long count(String influxQl) {
        return query(influxQl).stream()
                .map(row -> row.get("count"))
                .filter(Number.class::isInstance)
                .mapToLong(n -> ((Number) n).longValue())
                .findFirst()
                .orElse(0);
    }

    /** The rows, to be read column by column through the district schema. */
    public List<Row> rows(String influxQl) {
        return query(influxQl).stream().map(Row::of).toList();
    }
}
