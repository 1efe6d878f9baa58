package io.envwatch.stream.storage;

import io.envwatch.district.schema.InfluxSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's check of its InfluxDB before it starts: without it, a missing database made the sink
 * retry "database not found" every 30 s while checkpoints hung in progress, and nothing said why.
 * An empty write answers the question the job has (may it write there?) without storing
 * anything: 204 when it may, 404 when the database or bucket does not exist, 401/403 for the
 * credentials. A missing 1.x database is created when the settings allow it.
 */
public final class InfluxTarget {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxTarget.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private InfluxTarget() {}

    /** Thrown with one line that says what is wrong and what to do. */
    public static final class Unwritable extends IllegalStateException {
        Unwritable(String message) {
            super(message);
        }
    }

    /**
     * Returns when the job can write to the target; creates a missing 1.x database if
     * {@code createDatabase}; otherwise throws {@link Unwritable}.
     */
    public static void check(InfluxSettings influx, boolean createDatabase) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        int status = emptyWrite(http, influx);
        if (status == 404 && !influx.v2() && createDatabase) {
            createDatabase(http, influx);
            status = emptyWrite(http, influx);
        }
        switch (status) {
            case 204 -> LOG.info("EnvWatch job: InfluxDB {} is there and takes writes", influx);
            case 404 ->
                throw new Unwritable(
                        influx.v2()
                                ? "InfluxDB at " + influx.url() + " has no bucket '" + influx.database() + "' in org '"
                                        + influx.org() + "': create it, or point --influx-database at one that exists"
                                : "InfluxDB at " + influx.url() + " has no database '" + influx.database()
                                        + "': create it (CREATE DATABASE \"" + influx.database()
                                        + "\"), or start the job with --influx-create-database true");
            case 401, 403 ->
                throw new Unwritable("InfluxDB at " + influx.url() + " refused the job's credentials ("
                        + status + ") for writing to '" + influx.database() + "': check "
                        + (influx.v2() ? "--influx-token" : "--influx-user and --influx-password"));
            default -> {
                if (status >= 500) {
                    throw new Unwritable("InfluxDB at " + influx.url() + " answered a write with " + status
                            + ": the server is not ready to store");
                }
                // An empty body may be refused as such (400) by a server that would take data: not a reason to stop.
                LOG.warn("EnvWatch job: InfluxDB {} answered an empty write with {}; starting anyway", influx, status);
            }
        }
    }

    private static int emptyWrite(HttpClient http, InfluxSettings influx) {
        return send(
                        http,
                        influx,
                        request(influx, influx.write()).POST(HttpRequest.BodyPublishers.noBody()),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static void createDatabase(HttpClient http, InfluxSettings influx) {
        String statement = "CREATE DATABASE \"" + influx.database().replace("\"", "\\\"") + "\"";
        URI uri = URI.create(influx.url().replaceAll("/+$", "") + "/query?q="
                + URLEncoder.encode(statement, StandardCharsets.UTF_8));
        HttpResponse<String> response = send(
                http,
                influx,
                request(influx, uri).POST(HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
            throw new Unwritable("InfluxDB at " + influx.url() + " has no database '" + influx.database()
                    + "' and refused to create it (" + response.statusCode() + " "
                    + response.body().strip()
                    + "): create it as an administrator");
        }
        LOG.info(
                "EnvWatch job: created the InfluxDB database '{}' at {} (--influx-create-database)",
                influx.database(),
                influx.url());
    }

    private static HttpRequest.Builder request(InfluxSettings influx, URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        if (influx.authorization() != null) {
            request.header("Authorization", influx.authorization());
        }
        return request;
    }

    private static <T> HttpResponse<T> send(
            HttpClient http, InfluxSettings influx, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new Unwritable("InfluxDB at " + influx.url() + " cannot be reached ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "): start it, or point --influx-url at it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unwritable("interrupted while checking InfluxDB at " + influx.url());
        }
    }
}
