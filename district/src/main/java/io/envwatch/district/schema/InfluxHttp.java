package io.envwatch.district.schema;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One blocking HTTP exchange with InfluxDB; a refusal or an unreachable server throws. */
public final class InfluxHttp {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private InfluxHttp() {}

    public static String send(InfluxSettings connection, URI uri, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        request = body == null
                ? request.GET()
                : request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        String auth = connection.authorization();
        if (auth != null) {
            request.header("Authorization", auth);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("InfluxDB answered " + response.statusCode() + ": "
                        + response.body().strip());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "InfluxDB unreachable at " + connection.url() + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to InfluxDB", e);
        }
    }
}
