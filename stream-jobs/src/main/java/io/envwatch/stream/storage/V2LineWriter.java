package io.envwatch.stream.storage;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import io.envwatch.district.schema.InfluxSettings;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * InfluxDB 2.x through influxdb-client-java's write API. The client's call blocks, so it runs on a
 * thread of its own; Flink's async sink limits how many batches are in flight.
 */
final class V2LineWriter implements LineWriter {
    private final InfluxDBClient client;
    private final WriteApiBlocking writeApi;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "influx-v2-writer");
        t.setDaemon(true);
        return t;
    });

    V2LineWriter(InfluxSettings config) {
        this.client = InfluxDBClientFactory.create(InfluxDBClientOptions.builder()
                .url(config.url())
                .authenticateToken(config.token().toCharArray())
                .org(config.org())
                .bucket(config.database())
                .build());
        this.writeApi = client.getWriteApiBlocking();
    }

    @Override
    public CompletableFuture<Void> write(List<String> lines) {
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        writeApi.writeRecords(WritePrecision.NS, lines);
                    } catch (InfluxException e) {
                        throw new InfluxWriteException(
                                e.status(),
                                "InfluxDB v2 refused the write (" + e.status() + "): " + e.getMessage()
                                        + checkSetting(e.status(), e.getMessage()),
                                e);
                    }
                },
                executor);
    }

    /**
     * What to look at when the server refuses: the setting, by its environment variable. A partial
     * write is no refusal of the line protocol: the server's own rules excluded some points.
     */
    static String checkSetting(int status, String serverSaid) {
        return switch (status) {
            case 401, 403 -> "; check ENVWATCH_INFLUX_TOKEN (a token with write access to the bucket)";
            case 404 -> "; check ENVWATCH_INFLUX_ORG and ENVWATCH_INFLUX_DATABASE (the bucket)";
            case 400, 422 ->
                InfluxWriteException.isPartialWrite(status, serverSaid)
                        ? "; the rest of the batch was stored"
                        : "; the server refused a line: a bug in EnvWatch's line protocol, report it with the line";
            default -> "";
        };
    }

    @Override
    public void close() {
        executor.shutdown();
        client.close();
    }
}
