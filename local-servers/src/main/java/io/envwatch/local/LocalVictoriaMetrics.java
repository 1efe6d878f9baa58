package io.envwatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A private VictoriaMetrics (Debian's {@code victoria-metrics} package) on loopback with its data in
 * a temporary folder: a real server that takes InfluxDB line protocol on {@code /api/v2/write}, the
 * InfluxDB 2.x write API EnvWatch uses in production, where no InfluxDB 2.x server installs. It
 * stores each numeric field as a series named {@code {measurement}_{field}} with the tags as
 * labels, and keeps everything (retention 100 years, so old test timestamps are not dropped). A
 * series keeps one sample per millisecond ({@code -dedup.minScrapeInterval=1ms}), as InfluxDB keeps
 * one point per series and timestamp: without it, a point written twice is stored twice. Of two
 * different values written for one millisecond it keeps one (the last, in the runs here; its
 * documentation promises no order) where InfluxDB keeps the last. A string field is stored as a
 * series of zeros. It does not speak InfluxQL: it stands in for the write path only.
 */
public final class LocalVictoriaMetrics extends LocalProcess {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int httpPort;

    private LocalVictoriaMetrics(int httpPort) {
        super("victoria-metrics");
        this.httpPort = httpPort;
    }

    public static boolean isInstalled() {
        return findBinary("victoria-metrics") != null;
    }

    public static LocalVictoriaMetrics start() {
        return start(List.of());
    }

    /**
     * With extra command-line flags, such as {@code -httpAuth.username=...} (HTTP Basic
     * authentication, which a v2 client's token does not satisfy: every write is answered 401).
     */
    public static LocalVictoriaMetrics start(List<String> flags) {
        return onFreePorts(() -> start(freePort(), flags));
    }

    private static LocalVictoriaMetrics start(int httpPort, List<String> flags) {
        var binary = findBinary("victoria-metrics");
        if (binary == null) {
            throw new IllegalStateException(
                    "victoria-metrics is not installed (Debian: apt-get install -y victoria-metrics)");
        }
        LocalVictoriaMetrics server = new LocalVictoriaMetrics(httpPort);
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "-storageDataPath=" + server.dir.resolve("data"),
                "-httpListenAddr=127.0.0.1:" + httpPort,
                "-retentionPeriod=100y",
                "-dedup.minScrapeInterval=1ms",
                "-loggerLevel=WARN"));
        command.addAll(flags);
        server.start(command, httpPort, Duration.ofSeconds(30));
        return server;
    }

    @Override
    protected boolean isReady() {
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(URI.create(url() + "/health"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String url() {
        return "http://" + host() + ":" + httpPort;
    }

    /**
     * Every stored series matching the selector, as the export API gives them: one JSON object per
     * line, {@code {"metric":{"__name__":..., labels}, "values":[...], "timestamps":[ms...]}}. What
     * was written is made readable first (VictoriaMetrics buffers writes for about a second).
     */
    public List<String> export(String selector) {
        try {
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(url() + "/internal/force_flush"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url() + "/api/v1/export?match[]="
                                    + URLEncoder.encode(selector, StandardCharsets.UTF_8)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "export " + selector + ": " + response.statusCode() + " " + response.body());
            }
            return response.body().lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
