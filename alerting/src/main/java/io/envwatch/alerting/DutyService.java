package io.envwatch.alerting;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import io.envwatch.alerting.alerts.AlertQueries;
import io.envwatch.alerting.api.DutyApi;
import io.envwatch.alerting.complaints.ComplaintDesk;
import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.envwatch.alerting.complaints.RepeatCaseQueries;
import io.envwatch.alerting.river.SectionQueries;
import io.envwatch.alerting.store.InfluxQlRows;
import io.envwatch.ingest.registry.Registry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The duty service: the HTTP API over what the job stored. Closing it stops the server. */
public final class DutyService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DutyService.class);

    private final Vertx vertx;
    private final InfluxDBClient influx;
    private final HttpServer server;
    private ComplaintPublisher complaints;

    private DutyService(Vertx vertx, InfluxDBClient influx, HttpServer server) {
        this.vertx = vertx;
        this.influx = influx;
        this.server = server;
    }

    /**
     * @param influx InfluxQL reads: {@code InfluxDBClientFactory.createV1} for 1.x, or {@code create}
     *     with a token for 2.x (its v1 endpoint, through a DBRP mapping)
     */
    public static DutyService start(Registry registry, InfluxDBClient influx, String database, int port) throws Exception {
        return start(registry, influx, database, port, null);
    }

    /** @param complaints where accepted complaints go, or null to refuse them (503) */
    public static DutyService start(Registry registry, InfluxDBClient influx, String database, int port,
            ComplaintPublisher complaints) throws Exception {
        Vertx vertx = Vertx.vertx();
        InfluxQlRows rows = new InfluxQlRows(influx, database);
        DutyApi api = new DutyApi(vertx, registry, new AlertQueries(rows), new SectionQueries(rows, registry),
                new ComplaintDesk(rows), new RepeatCaseQueries(rows, registry), complaints,
                Clock.systemUTC());
        HttpServer server = vertx.createHttpServer()
                .requestHandler(api.router())
                .listen(port, "0.0.0.0")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.info("duty service listening on http://127.0.0.1:{}/api/v1/alerts", server.actualPort());
        DutyService service = new DutyService(vertx, influx, server);
        service.complaints = complaints;
        return service;
    }

    /** The InfluxDB read client from ENVWATCH_INFLUX_* (docs/configuration.md). */
    public static InfluxDBClient influxFromEnvironment(Map<String, String> env) {
        String url = env.getOrDefault("ENVWATCH_INFLUX_URL", "http://influxdb:8086");
        String database = env.getOrDefault("ENVWATCH_INFLUX_DATABASE", "envwatch");
        if ("v2".equals(env.getOrDefault("ENVWATCH_INFLUX_VERSION", "v1").toLowerCase(Locale.ROOT))) {
            return InfluxDBClientFactory.create(url, env.getOrDefault("ENVWATCH_INFLUX_TOKEN", "").toCharArray(),
                    env.get("ENVWATCH_INFLUX_ORG"));
        }
        String password = env.get("ENVWATCH_INFLUX_PASSWORD");
        return InfluxDBClientFactory.createV1(url, env.get("ENVWATCH_INFLUX_USER"),
                password == null ? new char[0] : password.toCharArray(), database, null);
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        influx.close();
        if (complaints != null) {
            complaints.close();
        }
    }
}
