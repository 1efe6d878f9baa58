package io.envwatch.infra.demo;

import io.envwatch.ingest.mqtt.MqttSourceConfig;
import io.envwatch.ingest.readings.ReadingCodec;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.ingest.registry.RegistryLoader;
import io.envwatch.ingest.simulator.GatewaySimulator;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalProcess;
import io.envwatch.stream.EnvWatchJobMain;
import io.envwatch.stream.storage.InfluxConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform in one process on embedded defaults: HiveMQ CE in the JVM, the job on Flink's
 * local MiniCluster, the gateway simulator with its scripted incidents, and InfluxDB (the one named
 * by ENVWATCH_INFLUX_URL, or a private influxd in a temporary folder). Runs until Ctrl-C.
 */
public final class DemoMain {
    private static final Logger LOG = LoggerFactory.getLogger(DemoMain.class);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DemoMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Deque<AutoCloseable> running = new ArrayDeque<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("EnvWatch demo: shutting down");
            closeAll(running);
            stopped.countDown();
        }, "demo-shutdown"));
        try {
            Registry registry = RegistryLoader.loadOrSample(env.get("ENVWATCH_REGISTRY"));
            LOG.info("EnvWatch demo: registry with {} towns, {} sites, {} residential buildings",
                    registry.towns().size(), registry.sites().size(), registry.buildings().size());

            int mqttPort = Integer.parseInt(env.getOrDefault("ENVWATCH_DEMO_MQTT_PORT", String.valueOf(LocalProcess.freePort())));
            EmbeddedBroker broker = EmbeddedBroker.start(mqttPort);
            running.push(broker);

            InfluxConfig influx;
            if (env.containsKey("ENVWATCH_INFLUX_URL")) {
                influx = InfluxConfig.fromEnvironment(env, env.get("ENVWATCH_INFLUX_URL"));
            } else {
                LocalInfluxd influxd = LocalInfluxd.start();
                running.push(influxd);
                influxd.createDatabase("envwatch");
                influx = InfluxConfig.v1(influxd.url(), "envwatch");
            }

            Path checkpoints = Files.createTempDirectory("envwatch-checkpoints-");
            Configuration conf = new Configuration();
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(5));
            StreamExecutionEnvironment flink = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
            MqttSourceConfig mqtt = MqttSourceConfig.of(broker.url(), ReadingCodec.TOPIC_PREFIX + "+", "envwatch-demo");
            JobClient job = EnvWatchJobMain.wire(registry, mqtt, influx).executeAsync(flink);
            running.push(() -> job.cancel().get(30, TimeUnit.SECONDS));
            LOG.info("EnvWatch demo: Flink job {} running on a local MiniCluster (checkpoints in {})", job.getJobID(), checkpoints);

            // Let the source's session exist before gateways publish, so no early reading has nowhere to go.
            Thread.sleep(3_000);
            GatewaySimulator simulator = new GatewaySimulator(registry, broker.url(), Integer.MAX_VALUE,
                    Duration.ofMillis(Long.parseLong(env.getOrDefault("ENVWATCH_DEMO_INTERVAL_MS", "1000"))),
                    GatewaySimulator.sampleScenarios(), System::currentTimeMillis, 42);
            simulator.start();
            running.push(simulator);

            ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "demo-status");
                t.setDaemon(true);
                return t;
            });
            running.push(status::shutdownNow);
            status.scheduleAtFixedRate(() -> logStatus(influx), 10, 10, TimeUnit.SECONDS);

            String query = "SELECT * FROM duty_alert";
            System.out.printf("%n  EnvWatch demo is running.%n"
                            + "  MQTT broker:  %s   (topics %s{gateway})%n"
                            + "  InfluxDB:     %s   database %s%n"
                            + "  Try:          curl -G '%s/query' --data-urlencode 'db=%s' --data-urlencode 'q=%s'%n"
                            + "                curl -G '%s/query' --data-urlencode 'db=%s' --data-urlencode 'q=SELECT count(value) FROM reading GROUP BY quantity'%n"
                            + "  Stop with Ctrl-C.%n%n",
                    broker.url(), ReadingCodec.TOPIC_PREFIX, influx.url(), influx.database(), influx.url(), influx.database(),
                    query, influx.url(), influx.database());
            if (args.length > 0 && args[0].startsWith("--for-seconds=")) {
                Thread.sleep(Long.parseLong(args[0].substring("--for-seconds=".length())) * 1000);
                System.exit(0);
            }
            stopped.await();
        } catch (Exception e) {
            LOG.error("EnvWatch demo could not start: {}", e.getMessage(), e);
            closeAll(running);
            System.exit(1);
        }
    }

    private static final Pattern COUNT = Pattern.compile("\"values\":\\[\\[\"[^\"]+\",(\\d+)");

    /** What a person watching the console wants to know: is data arriving, are alerts open. */
    private static void logStatus(InfluxConfig influx) {
        LOG.info("EnvWatch demo: {} readings, {} duty alerts, {} dead letters stored in InfluxDB",
                count(influx, "SELECT count(value) FROM reading"),
                count(influx, "SELECT count(peak) FROM duty_alert"),
                count(influx, "SELECT count(detail) FROM dead_letter"));
    }

    private static String count(InfluxConfig influx, String q) {
        try {
            URI uri = URI.create(influx.url() + "/query?db=" + URLEncoder.encode(influx.database(), StandardCharsets.UTF_8)
                    + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            String body = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = COUNT.matcher(body);
            return m.find() ? m.group(1) : "0";
        } catch (Exception e) {
            return "?";
        }
    }

    private static void closeAll(Deque<AutoCloseable> running) {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.getMessage());
            }
        }
    }
}
