package io.envwatch.stream;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.query.InfluxQLQueryResult;
import java.util.ArrayList;
import java.util.List;

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
    List<java.util.Map<String, Object>> table(String influxQl) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/query?db=" + database + "&q="
                            + java.net.URLEncoder.encode(influxQl, java.nio.charset.StandardCharsets.UTF_8))).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
            List<java.util.Map<String, Object>> rows = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode result : body.path("results")) {
                for (com.fasterxml.jackson.databind.JsonNode series : result.path("series")) {
                    for (com.fasterxml.jackson.databind.JsonNode values : series.path("values")) {
                        java.util.Map<String, Object> row = new java.util.TreeMap<>();
                        for (int i = 0; i < values.size(); i++) {
                            if (!values.get(i).isNull()) {
                                row.put(series.path("columns").get(i).asText(), values.get(i).asText());
                            }
                        }
                        rows.add(row);
                    }
                }
            }
            return rows;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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
