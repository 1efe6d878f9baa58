package io.envwatch.stream.storage;

import io.envwatch.district.schema.InfluxSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * InfluxDB 1.x {@code /write}. influxdb-client-java only speaks the v2 write endpoint, so this
 * posts the line protocol its {@code Point}s produce with the JDK's asynchronous HTTP client.
 */
final class V1LineWriter implements LineWriter {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;
    private final String authorization;

    V1LineWriter(InfluxSettings config) {
        this.uri = config.write();
        this.authorization = config.authorization();
    }

    @Override
    public CompletableFuture<Void> write(List<String> lines) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    if (error != null) {
                        throw new InfluxWriteException(
                                0,
                                "InfluxDB unreachable at " + uri.getHost() + ":" + uri.getPort() + ": "
                                        + error.getMessage(),
                                error);
                    }
                    if (response.statusCode() != 204) {
                        throw new InfluxWriteException(
                                response.statusCode(),
                                "InfluxDB refused the write with " + response.statusCode() + ": " + response.body(),
                                null);
                    }
                    return null;
                });
    }

    @Override
    public void close() {
        // The JDK client has no close on Java 17; its threads end with it.
    }
}
