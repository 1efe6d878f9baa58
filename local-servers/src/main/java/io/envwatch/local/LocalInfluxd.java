package io.envwatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A private InfluxDB 1.x server (Debian's {@code influxdb} package) on loopback with its data in
 * a temporary folder. It speaks the v1 API ({@code /write}, {@code /query}) that EnvWatch's v1
 * write mode and all its InfluxQL reads use.
 */
public final class LocalInfluxd extends LocalProcess {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int httpPort;

    private LocalInfluxd(int httpPort) {
        super("influxd");
        this.httpPort = httpPort;
    }

    public static boolean isInstalled() {
        return findBinary("influxd") != null;
    }

    public static LocalInfluxd start() {
        return onFreePorts(() -> start(freePort(), false));
    }

    /** On a given port, for tests that point a writer at the address before the server exists. */
    public static LocalInfluxd start(int httpPort) {
        return onFreePorts(() -> start(httpPort, false)); // its internal port may be the one taken
    }

    /**
     * With authentication on, as a production 1.x server runs, and an administrator with this name
     * and password (influxd lets the first one be created without credentials).
     */
    public static LocalInfluxd startWithAuth(String admin, String password) {
        LocalInfluxd server = onFreePorts(() -> start(freePort(), true));
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/query"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("q="
                                    + java.net.URLEncoder.encode(
                                            "CREATE USER \"" + admin + "\" WITH PASSWORD '" + password
                                                    + "' WITH ALL PRIVILEGES",
                                            java.nio.charset.StandardCharsets.UTF_8)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
                throw new IllegalStateException("CREATE USER " + admin + " failed: " + response.body());
            }
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new IllegalStateException(e);
        }
        return server;
    }

    private static LocalInfluxd start(int httpPort, boolean auth) {
        Path binary = findBinary("influxd");
        if (binary == null) {
            throw new IllegalStateException("influxd is not installed (Debian: apt-get install -y influxdb)");
        }
        LocalInfluxd server = new LocalInfluxd(httpPort);
        int rpcPort = freePort();
        while (rpcPort == httpPort) {
            rpcPort = freePort();
        }
        Path conf = server.dir.resolve("influxdb.conf");
        String d = server.dir.toString();
        String config = String.join(
                "\n",
                "reporting-disabled = true",
                "bind-address = \"127.0.0.1:" + rpcPort + "\"",
                "[meta]",
                "  dir = \"" + d + "/meta\"",
                "[data]",
                "  dir = \"" + d + "/data\"",
                "  wal-dir = \"" + d + "/wal\"",
                "  query-log-enabled = false",
                "  wal-fsync-delay = \"100ms\"",
                // A district may have more than 100,000 sites: 1.x refuses by default every point
                // with a tag's 100,001st value, i.e. every reading of the sites past the limit.
                "  max-values-per-tag = 0",
                "[http]",
                "  enabled = true",
                "  auth-enabled = " + auth,
                "  bind-address = \"127.0.0.1:" + server.httpPort + "\"",
                "  log-enabled = false",
                "  max-body-size = 0",
                "[monitor]",
                "  store-enabled = false",
                "[continuous_queries]",
                "  enabled = false",
                "[logging]",
                "  level = \"warn\"",
                "");
        try {
            Files.writeString(conf, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.start(List.of(binary.toString(), "-config", conf.toString()), server.httpPort, Duration.ofSeconds(30));
        return server;
    }

    @Override
    protected boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url() + "/ping"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Creates a database (idempotent in InfluxDB 1.x). */
    public void createDatabase(String name) {
        execute("CREATE DATABASE \"" + name + "\"");
    }

    /** Runs an InfluxQL statement that changes the server (posted, as 1.x asks); fails with the server's answer. */
    public void execute(String influxQl) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url() + "/query"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "q=" + URLEncoder.encode(influxQl, StandardCharsets.UTF_8)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
                throw new IllegalStateException(influxQl + " failed: " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An InfluxQL statement's JSON answer, as the server gives it, times in epoch milliseconds. */
    public String query(String influxQl) {
        return query(null, influxQl);
    }

    /** As {@link #query(String)}, in a database. */
    public String query(String database, String influxQl) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(url() + "/query?epoch=ms"
                                            + (database == null
                                                    ? ""
                                                    : "&db="
                                                            + java.net.URLEncoder.encode(
                                                                    database, java.nio.charset.StandardCharsets.UTF_8))
                                            + "&q="
                                            + java.net.URLEncoder.encode(
                                                    influxQl, java.nio.charset.StandardCharsets.UTF_8)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return httpPort;
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }
}
