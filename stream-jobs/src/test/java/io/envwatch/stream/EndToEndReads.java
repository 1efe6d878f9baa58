package io.envwatch.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.query.InfluxQLQueryResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** InfluxQL reads for the end-to-end tests: rows as value arrays (time first), and counts. */
final class EndToEndReads implements AutoCloseable {
    private final InfluxDBClient client;
    private final String database;
    private final String url;

    EndToEndReads(String url, String database) {
        this.url = url;
        this.client = InfluxDBClientFactory.createV1(url, null, new char[0], database, null);
        this.database = database;
    }

    List<Object[]> query(String influxQl) {
        InfluxQLQueryResult result = client.getInfluxQLQueryApi().queryJSON(new InfluxQLQuery(influxQl, database));
        List<Object[]> rows = new ArrayList<>();
        if (result == null) {
            return rows;
        }
        for (InfluxQLQueryResult.Result r : result.getResults()) {
            for (InfluxQLQueryResult.Series series : r.getSeries()) {
                for (InfluxQLQueryResult.Series.Record record : series.getValues()) {
                    rows.add(record.getValues());
                }
            }
        }
        return rows;
    }

    /**
     * Rows as column name to value, through influxd's HTTP API directly: the client library cannot
     * read a null, and a point without some field of its measurement is read as one. Null columns
     * are left out of the row.
     */
    List<Map<String, Object>> table(String influxQl) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url + "/query?db=" + database + "&q="
                                            + URLEncoder.encode(influxQl, StandardCharsets.UTF_8)))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode body = new ObjectMapper().readTree(response.body());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (JsonNode result : body.path("results")) {
                for (JsonNode series : result.path("series")) {
                    for (JsonNode values : series.path("values")) {
                        Map<String, Object> row = new TreeMap<>();
                        for (int i = 0; i < values.size(); i++) {
                            if (!values.get(i).isNull()) {
                                row.put(
                                        series.path("columns").get(i).asText(),
                                        values.get(i).asText());
                            }
                        }
                        rows.add(row);
                    }
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long count(String influxQl) {
        List<Object[]> rows = query(influxQl);
        return rows.isEmpty() ? 0 : (long) Double.parseDouble(rows.get(0)[1].toString());
    }

    @Override
    public void close() {
        client.close();
    }
}
