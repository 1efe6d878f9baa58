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

    EndToEndReads(String url, String database) {
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

    /** Rows as column name to value (time first), for reads that need to know which column is which. */
    List<java.util.Map<String, Object>> table(String influxQl) {
        InfluxQLQueryResult result = client.getInfluxQLQueryApi().queryJSON(new InfluxQLQuery(influxQl, database));
        List<java.util.Map<String, Object>> rows = new ArrayList<>();
        if (result == null) {
            return rows;
        }
        for (InfluxQLQueryResult.Result r : result.getResults()) {
            for (InfluxQLQueryResult.Series series : r.getSeries()) {
                for (InfluxQLQueryResult.Series.Record record : series.getValues()) {
                    java.util.Map<String, Object> row = new java.util.TreeMap<>();
                    series.getColumns().forEach((column, index) -> row.put(column, record.getValues()[index]));
                    rows.add(row);
                }
            }
        }
        return rows;
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
